"""WSGI entry point: exposes ``application`` for gunicorn and other WSGI servers."""

import os

from django.core.wsgi import get_wsgi_application

from cms import read_settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

# 4 is gunicorn's "the application failed to load": it stops, rather than start workers
# that fail the same way again and again.
read_settings_or_exit(status=4)
application = get_wsgi_application()
