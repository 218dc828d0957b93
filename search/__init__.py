"""Search.

Readers search through the pages API (``/api/v2/pages/?search=``), backed by Wagtail's
database search backend (``WAGTAILSEARCH_BACKENDS`` in ``cms/settings/base.py``). What a
review is searched by is declared with the model, in ``FilmReviewPage.search_fields``.
"""
