"""Local development: debug on, a development-only secret key, local hosts allowed."""

from .base import *  # noqa: F403
from .base import CORS_ALLOWED_ORIGINS
from .environment import env_list, env_text

DEBUG = True

# Development only: production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = env_text("SECRET_KEY", "django-insecure-liner-notes-development-only")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Frontends under development listen on localhost, over plain http.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True

# `make run` serves the frontend on 127.0.0.1:8020, which browsers reach as localhost too.
CORS_ALLOWED_ORIGINS = CORS_ALLOWED_ORIGINS + [
    allowed.replace("://localhost", "://127.0.0.1")
    for allowed in CORS_ALLOWED_ORIGINS
    if "://localhost" in allowed
]
