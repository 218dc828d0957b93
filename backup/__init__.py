"""Backup and restore of all content: ``export_content`` and ``import_content``.

``exports`` says what an export holds and how it is written and read; the commands
under ``management/commands/`` do the work, all or nothing. Nothing here knows the
review models: an export holds every model that holds content.
"""
