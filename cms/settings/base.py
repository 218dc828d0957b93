"""
Settings shared by every environment of Liner Notes.

Everything that differs between deployments is read from the environment here,
and only here; README.md lists the variables.

https://docs.djangoproject.com/en/5.2/ref/settings/
"""

from pathlib import Path

from corsheaders.defaults import default_headers as cors_default_headers

from search import backends as search_backends

from .environment import (
    env_choice,
    env_database,
    env_flag,
    env_int,
    env_list,
    env_rate,
    env_redis_url,
    env_text,
    env_url,
    env_url_template,
    env_urls,
    origin,
    origin_pattern,
)

# The longest any setting in seconds may be: caches and browsers take no more.
ONE_YEAR = 365 * 24 * 60 * 60

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


# Secret key and hosts: dev.py and test.py give development defaults; production.py
# requires both.
SECRET_KEY = env_text("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")


# Application definition

INSTALLED_APPS = [
    "home",
    "content",
    "headless",
    "api",
    "search",
    "backup",
    "replies",
    "importer",
    "webhooks",  # before django_tasks_db: its db_worker resumes deliveries, then runs
    "wagtail_headless_preview",
    "corsheaders",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "api.cors.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
# Under /api/, a form post refused for its CSRF token answers JSON too.
CSRF_FAILURE_VIEW = "cms.errors.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"


# Database: DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/linernotes;
# SQLite in the project folder by default.
# https://github.com/jazzband/dj-database-url

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The admin writes in parallel requests (autosave, the live preview): SQLite has them
    # wait their turn, rather than fail with "database is locked".
    # https://docs.djangoproject.com/en/5.2/ref/databases/#database-is-locked-errors
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Cache: Redis at REDIS_URL (e.g. redis://127.0.0.1:6379/0), shared by every process;
# each process's own memory otherwise.
# https://docs.djangoproject.com/en/5.2/topics/cache/

if env_text("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_redis_url("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }


# Background tasks (Django's tasks framework, as Wagtail uses it): imports from the admin,
# Wagtail's reference index. Queued in the database and run by `manage.py db_worker`, so
# that no other server is needed; TASK_BACKEND takes another backend's dotted path.
# https://github.com/RealOrangeOne/django-tasks-db

TASKS = {"default": {"BACKEND": env_text("TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}


# Webhooks (webhooks/): how long a receiver has to answer, in seconds; for how many hours
# a delivery is retried; after how many failed attempts in a row an endpoint is paused;
# how many days the delivery log keeps. Private, loopback and link-local addresses, and
# plain http, are refused unless WEBHOOKS_ALLOW_PRIVATE_ADDRESSES is on (as it is in
# development).
WEBHOOKS_TIMEOUT_SECONDS = env_int("WEBHOOKS_TIMEOUT_SECONDS", 5, minimum=1, maximum=30)
WEBHOOKS_RETRY_HOURS = env_int("WEBHOOKS_RETRY_HOURS", 24, minimum=1, maximum=24 * 7)
WEBHOOKS_PAUSE_AFTER_FAILURES = env_int("WEBHOOKS_PAUSE_AFTER_FAILURES", 20, minimum=1)
WEBHOOKS_KEEP_LOG_DAYS = env_int("WEBHOOKS_KEEP_LOG_DAYS", 30, minimum=1)
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_flag("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES")


# Password validation
# https://docs.djangoproject.com/en/5.2/ref/settings/#auth-password-validators

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Internationalisation
# https://docs.djangoproject.com/en/5.2/topics/i18n/

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True


# Public addresses. The CMS (admin, API and media) lives at CMS_BASE_URL; readers see
# pages at FRONTEND_URL, so page URLs, rich text links and previews point there. Other
# frontends that read the API from a browser (staging, preview deployments) follow it,
# comma-separated; `*` in a host name stands for any name (https://*.vercel.app).

CMS_BASE_URL = env_url("CMS_BASE_URL", "http://127.0.0.1:8000")
FRONTEND_URLS = env_urls("FRONTEND_URL", "http://localhost:8020")
FRONTEND_URL = FRONTEND_URLS[0]


# Static and media files
# https://docs.djangoproject.com/en/5.2/howto/static-files/

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"

# Media URLs are absolute so that a frontend on another origin can use every image URL
# the API returns, including those inside rich text, as it is.
MEDIA_ROOT = Path(env_text("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = f"{CMS_BASE_URL}/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1,000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Wagtail
# https://docs.wagtail.org/en/stable/reference/settings.html

WAGTAIL_SITE_NAME = "Liner Notes"
WAGTAILADMIN_BASE_URL = CMS_BASE_URL

# The search app holds its backend's settings, with the reasons for them.
WAGTAILSEARCH_BACKENDS = search_backends.WAGTAILSEARCH_BACKENDS

WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024


# Wagtail API v2
# https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html

WAGTAILAPI_BASE_URL = CMS_BASE_URL
# Rich text comes out as HTML ready to render; ?rich_text_format= still chooses another.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Proxies in front of the CMS that append to X-Forwarded-For; with 0 the client is
    # the connection's address, and a client cannot pick an address to be counted as.
    "NUM_PROXIES": env_int("NUM_PROXIES", 0, maximum=10),
}

# Requests a client (an IP address) may make to the public API (api.throttling), as
# count/second, minute, hour or day; "off" for no limit. A frontend that renders on a
# server sends every reader's requests from its own address: give it room.
API_THROTTLE_RATE = env_rate("API_THROTTLE_RATE", "6000/minute")

# The API's OpenAPI document (/api/schema/) and its docs (/api/docs/); api.openapi
# teaches drf-spectacular Wagtail's endpoints, which it cannot inspect alone.
# https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": "Liner Notes API",
    "DESCRIPTION": (
        "Film and soundtrack reviews, and readers' replies to them. Responses carry ETag "
        "and Last-Modified; send If-None-Match or If-Modified-Since to get 304 when "
        "nothing changed."
    ),
    "VERSION": "2",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["api.openapi.hooks.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "api.openapi.hooks.close_objects",
        "api.openapi.hooks.refuse_empty_values",
    ],
    "SERVERS": [{"url": CMS_BASE_URL}],
    # The docs page's scripts come from this server, not from a CDN.
    "REDOC_DIST": "SIDECAR",
}

# How long the public API's responses stay in the cache (api.cache), in seconds;
# a change to what they show drops them sooner. 0 turns the cache off.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 3600, maximum=ONE_YEAR)
# How long the change feed (/api/v2/changes/) keeps what happened, in days: a client
# whose cursor is older gets a 410 and rebuilds in full.
API_CHANGES_RETENTION_DAYS = env_int("API_CHANGES_RETENTION_DAYS", 30, minimum=1, maximum=3650)
# How long a CDN may serve an API response without asking again (s-maxage). With 0 it
# revalidates every time, with the ETag, and never serves a stale response.
API_CDN_MAX_AGE = env_int("API_CDN_MAX_AGE", 0, maximum=ONE_YEAR)

# Readers' replies (replies/, and the API's /api/v2/replies/): how many replies one
# client address may post, as count/second, minute, hour or day ("off" for no limit).
REPLIES_POST_RATE = env_rate("REPLIES_POST_RATE", "10/hour")
# A reply sent sooner than this many seconds after its form was shown (as the frontend
# says in seconds_on_form) is refused: people take longer to write.
REPLIES_MIN_SECONDS = env_int("REPLIES_MIN_SECONDS", 3, maximum=600)
# How long a reply's client address and user agent are kept for moderation, in days.
REPLIES_KEEP_ADDRESSES_DAYS = env_int("REPLIES_KEEP_ADDRESSES_DAYS", 30, maximum=3650)
# The spam check each posted reply goes through: the dotted path of a callable that
# takes the unsaved reply and the request and returns True for spam (replies.spam).
REPLIES_SPAM_CHECK = env_text("REPLIES_SPAM_CHECK", "replies.spam.too_many_links_or_blocklisted")
# What the shipped check counts as spam: more links than this, or any of these words
# or addresses (comma-separated) in the name, email, website or text.
REPLIES_MAX_LINKS = env_int("REPLIES_MAX_LINKS", 2, maximum=100)
REPLIES_BLOCKLIST = env_list("REPLIES_BLOCKLIST", "")

# Purge the CDN's copy of a page's or image's detail URL when it changes. Set
# FRONTEND_CACHE_PURGE_URL to the cache's purge address (Varnish, Squid, nginx); other
# CDNs take a backend in WAGTAILFRONTENDCACHE.
# https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html
WAGTAILAPI_USE_FRONTENDCACHE = env_flag("WAGTAILAPI_USE_FRONTENDCACHE")
if WAGTAILAPI_USE_FRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_url("FRONTEND_CACHE_PURGE_URL", CMS_BASE_URL),
        }
    }


# Headless preview: editors preview drafts in the frontend.
# https://github.com/torchbox/wagtail-headless-preview

WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": FRONTEND_URL},
    "SERVE_BASE_URL": FRONTEND_URL,
    "ENFORCE_TRAILING_SLASH": True,
}
# Where the admin sends an editor to see a draft: the frontend's own preview route (a
# Next.js, Nuxt or Astro draft-mode handler), with the page type, the preview token and
# the draft's path (/reviews/her/) filled in.
FRONTEND_PREVIEW_URL = env_url_template(
    "FRONTEND_PREVIEW_URL",
    f"{FRONTEND_URL}/?content_type={{content_type}}&token={{token}}",
    ["token", "content_type", "path"],
)
# A preview link shows the draft for this many seconds after the editor opens it.
PREVIEW_TOKEN_MAX_AGE = env_int("PREVIEW_TOKEN_MAX_AGE", 3600, minimum=1, maximum=ONE_YEAR)


# CORS: browsers let the frontends, and only they, read the API, revalidate what they
# keep (If-None-Match) and read its validators and rate-limit headers. api.cors says
# which methods each address takes.
# https://github.com/adamchainz/django-cors-headers

CORS_ALLOWED_ORIGINS = [origin(url) for url in FRONTEND_URLS if "*" not in url]
CORS_ALLOWED_ORIGIN_REGEXES = [origin_pattern(url) for url in FRONTEND_URLS if "*" in url]
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_HEADERS = [*cors_default_headers, "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "RateLimit-Policy", "RateLimit"]


# Demo content (python manage.py load_demo); production.py turns it off.
DEMO_CONTENT_ALLOWED = True

DEMO_EDITOR_USERNAME = env_text("DEMO_EDITOR_USERNAME", "editor")
DEMO_EDITOR_PASSWORD = env_text("DEMO_EDITOR_PASSWORD", "liner-notes-demo")


# Logging: warnings and errors, server errors with their tracebacks, to the process's
# standard error, where runserver, gunicorn and the container's log collector read them.
# https://docs.djangoproject.com/en/5.2/topics/logging/

LOG_LEVEL = env_choice("LOG_LEVEL", "WARNING", ["DEBUG", "INFO", "WARNING", "ERROR"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    # Django's own loggers print only while DEBUG is on, and mail errors to ADMINS: here
    # they go where everything else goes.
    "loggers": {"django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False}},
}
