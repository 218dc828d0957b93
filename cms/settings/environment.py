"""Settings read from environment variables, each checked as it is read.

A malformed value raises ``ImproperlyConfigured`` with a one-line reason that names the
variable, so that a process with a bad configuration stops at start-up (``manage.py``
and ``cms.wsgi`` print the reason and exit) instead of answering every request with a
server error.
"""

import os
import re
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

FLAG_VALUES = {"1": True, "true": True, "yes": True, "on": True}
FLAG_VALUES.update({"0": False, "false": False, "no": False, "off": False, "": False})
# DRF's throttle rates: requests per second, minute, hour or day.
RATE = re.compile(r"[1-9][0-9]*/(second|minute|hour|day)")


def env_text(name, default=""):
    return os.environ.get(name, default).strip()


def env_list(name, default):
    """A comma-separated list of non-empty strings."""
    return [item.strip() for item in env_text(name, default).split(",") if item.strip()]


def env_flag(name):
    """Yes (true, yes, on, 1) or no (false, no, off, 0, or unset)."""
    value = env_text(name).lower()
    if value not in FLAG_VALUES:
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return FLAG_VALUES[value]


def env_int(name, default, minimum=0, maximum=None):
    """A whole number, from ``minimum`` to ``maximum``."""
    value = env_text(name, str(default))
    if not value.isascii() or not value.lstrip("-").isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")
    if int(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    if maximum is not None and int(value) > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {value}")
    return int(value)


def env_choice(name, default, choices):
    value = env_text(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_url(name, default=None, schemes=("http", "https"), secret=False):
    """An absolute URL of one of ``schemes``, without a trailing slash; None where it is
    unset and has no default. The reason for a refusal does not repeat a ``secret`` URL,
    which may hold a password."""
    value = env_text(name, default or "").rstrip("/")
    if not value and default is None:
        return None
    if not is_url(value, schemes):
        starts = " or ".join(f"{scheme}://" for scheme in schemes)
        shown = "" if secret else f", not {value!r}"
        raise ImproperlyConfigured(
            f"{name} must be a URL that starts with {starts} and names a host{shown}"
        )
    return value


def is_url(value, schemes):
    """Whether the text is a URL of one of ``schemes`` with a host and a port (if any) that
    can be read; a unix socket's URL has a path instead."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (reading it checks it)
    except ValueError:  # a port that is not a number, a broken IPv6 address
        return False
    if parts.scheme == "unix":
        return parts.scheme in schemes and bool(parts.path)
    return parts.scheme in schemes and bool(parts.hostname)


def env_urls(name, default):
    """A comma-separated list of absolute URLs, the first of them plain, the others each
    a URL or an origin pattern in which ``*`` stands for letters, digits and hyphens
    within a host name (``https://*.vercel.app``)."""
    urls = [url.rstrip("/") for url in env_list(name, default)]
    if not urls:
        raise ImproperlyConfigured(f"{name} must name at least one URL")
    for position, url in enumerate(urls):
        pattern = "*" in url
        if (pattern and position == 0) or not is_url(url.replace("*", "x"), ("http", "https")):
            raise ImproperlyConfigured(
                f"{name} must be a URL that starts with http:// or https:// and names a host "
                f"(or several, comma-separated, the first without *), not {url!r}"
            )
        if pattern and "*" not in urlsplit(url).netloc:
            raise ImproperlyConfigured(f"{name} may have * in a host name only, not {url!r}")
    return urls


def env_url_template(name, default, placeholders):
    """A URL with ``{placeholders}`` (all of them optional but the first), which stays a
    URL once they are filled in."""
    value = env_text(name, default)
    example = {placeholder: "x" for placeholder in placeholders}
    try:
        filled = value.format(**example)
    except (KeyError, IndexError, ValueError):
        filled = None
    if (
        filled is None
        or f"{{{placeholders[0]}}}" not in value
        or not is_url(filled, ("http", "https"))
    ):
        names = ", ".join(f"{{{placeholder}}}" for placeholder in placeholders)
        raise ImproperlyConfigured(
            f"{name} must be an http(s) URL with {{{placeholders[0]}}} in it and no "
            f"placeholders but {names}, not {value!r}"
        )
    return value


def origin_pattern(url):
    """The regular expression of the origins an origin pattern of ``env_urls`` admits."""
    parts = [re.escape(part) for part in origin(url).split("*")]
    return "^" + "[A-Za-z0-9-]+".join(parts) + "$"


def env_redis_url(name):
    """A Redis URL, whose path, if any, is the number of a database; None where unset."""
    value = env_url(name, schemes=("redis", "rediss", "unix"), secret=True)
    database = urlsplit(value).path.strip("/") if value and not value.startswith("unix") else ""
    if database and not (database.isascii() and database.isdigit()):
        raise ImproperlyConfigured(f"{name} must end with the number of a Redis database, if any")
    return value


def env_rate(name, default):
    """A throttle rate (``6000/minute``), or None for ``off``."""
    value = env_text(name, default).lower()
    if value == "off":
        return None
    if not RATE.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name} must be a number of requests per second, minute, hour or day "
            f"(e.g. 6000/minute), or off, not {value!r}"
        )
    return value


# The databases this project runs on, and is tested on.
DATABASE_ENGINES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")


def env_database(name, default):
    """Django's settings for the database a URL names (dj-database-url): PostgreSQL, or
    SQLite in a file. The reason for a refusal does not repeat the URL, which may hold a
    password."""
    reason = (
        f"{name} must be a PostgreSQL or SQLite URL, e.g. postgres://user@host:5432/name "
        "or sqlite:///path/to/db.sqlite3"
    )
    try:
        database = dj_database_url.parse(env_text(name, default), conn_max_age=60)
    except ValueError:
        raise ImproperlyConfigured(reason) from None
    if database["ENGINE"] not in DATABASE_ENGINES:
        raise ImproperlyConfigured(reason)
    if database["ENGINE"].endswith("sqlite3") and database["NAME"] in ("", ":memory:"):
        raise ImproperlyConfigured(
            f"{name} names an SQLite database in memory, which starts empty in every "
            "process: name a file"
        )
    return database


def origin(url):
    """The scheme, host and port of a URL, as browsers send them in the Origin header."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
