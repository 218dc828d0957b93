"""Local development: debug on, a development-only secret key, local hosts allowed."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True

# Development only: production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-liner-notes-development-only")  # noqa: F405

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
