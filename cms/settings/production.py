"""Production: no debug, HTTPS only, static files from WhiteNoise, media optionally on S3.

The secret key and allowed hosts must come from the environment. ``python manage.py
check --deploy`` reports nothing with these settings (a test runs it).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, ONE_YEAR, STORAGES
from .environment import env_int, env_text, env_url

DEBUG = False

# Django's deploy checks ask for 50 characters, of which 5 or more different.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_CHARACTERS = 5

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
if (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH  # noqa: F405
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_CHARACTERS  # noqa: F405
    or SECRET_KEY.startswith("django-insecure")  # noqa: F405
):
    raise ImproperlyConfigured(
        f"SECRET_KEY must be a random key of {SECRET_KEY_MIN_LENGTH} characters or more, not a "
        "short or development one: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set the ALLOWED_HOSTS environment variable.")
if "*" in ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the hosts this server answers, not *")

# The demo's editor has a password anyone can read in the README: load_demo needs --force.
DEMO_CONTENT_ALLOWED = False


# HTTPS. The CMS runs behind a proxy or load balancer that ends TLS and says so in
# X-Forwarded-Proto; load balancers check /healthz over plain HTTP.
# https://docs.djangoproject.com/en/5.2/ref/middleware/#module-django.middleware.security

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", ONE_YEAR, maximum=2 * ONE_YEAR)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True


# Static files: served by WhiteNoise, compressed, with hashed names so that browsers can
# keep them for good. Run `python manage.py collectstatic` when deploying.
# https://whitenoise.readthedocs.io/

MIDDLEWARE = [
    *MIDDLEWARE[:1],  # SecurityMiddleware first, then WhiteNoise
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}


# Media on S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set (django-storages);
# credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, as boto3 reads them.
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html

if env_text("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_text("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_url("AWS_S3_ENDPOINT_URL"),
            "region_name": env_text("AWS_S3_REGION_NAME") or None,
            "custom_domain": env_text("AWS_S3_CUSTOM_DOMAIN") or None,
            # Published images are public: plain URLs, not signed ones that expire.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
