"""The Django project of Liner Notes: settings, URLs, /healthz and the WSGI application."""

import sys


def read_settings_or_exit(status=1):
    """Reads the settings, which check the environment as they read it, so that a process
    with a malformed setting stops before it serves anything, with a one-line reason and
    the exit ``status``."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 (reading one setting reads them all)
    except ImproperlyConfigured as error:
        print(f"Liner Notes cannot start: {error}", file=sys.stderr)
        sys.exit(status)
