"""Settings are read from the environment and checked at start-up: a malformed value stops
the process with a one-line reason that names the variable, before it serves anything."""

import subprocess
import sys

import pytest
from django.conf import settings

from tests.servers import free_port

MALFORMED = [
    ("API_THROTTLE_RATE", "lots", "API_THROTTLE_RATE must be a number of requests per"),
    ("API_THROTTLE_RATE", "10/fortnight", "API_THROTTLE_RATE must be a number of requests per"),
    ("API_CACHE_SECONDS", "soon", "API_CACHE_SECONDS must be a whole number, not 'soon'"),
    ("API_CDN_MAX_AGE", "-5", "API_CDN_MAX_AGE must be at least 0, not -5"),
    ("NUM_PROXIES", "one", "NUM_PROXIES must be a whole number, not 'one'"),
    ("PREVIEW_TOKEN_MAX_AGE", "0", "PREVIEW_TOKEN_MAX_AGE must be at least 1, not 0"),
    ("CMS_BASE_URL", "localhost:8000", "CMS_BASE_URL must be a URL that starts with http://"),
    ("FRONTEND_URL", "ftp://example.org", "FRONTEND_URL must be a URL that starts with http://"),
    ("REDIS_URL", "http://:hunter2@cache", "REDIS_URL must be a URL that starts with redis://"),
    ("DATABASE_URL", "nonsense", "DATABASE_URL must be a PostgreSQL or SQLite URL"),
    ("WAGTAILAPI_USE_FRONTENDCACHE", "maybe", "WAGTAILAPI_USE_FRONTENDCACHE must be true or"),
    ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, not 'LOUD'"),
    ("REDIS_URL", "redis://cache:port/0", "REDIS_URL must be a URL that starts with redis://"),
    ("REDIS_URL", "redis://127.0.0.1:6379/abc", "REDIS_URL must end with the number of a"),
    ("API_CACHE_SECONDS", "9" * 23, "API_CACHE_SECONDS must be at most 31536000"),
    ("CMS_BASE_URL", "http://[::1", "CMS_BASE_URL must be a URL that starts with http://"),
    ("CMS_BASE_URL", "http:///x", "CMS_BASE_URL must be a URL that starts with http://"),
    ("FRONTEND_URL", "http://host:abc", "FRONTEND_URL must be a URL that starts with http://"),
    ("DATABASE_URL", "mysql://user@host/db", "DATABASE_URL must be a PostgreSQL or SQLite URL"),
    ("DATABASE_URL", "sqlite://", "DATABASE_URL names an SQLite database in memory"),
    ("FRONTEND_URL", "https://*.example.org", "FRONTEND_URL must be a URL that starts with"),
    ("FRONTEND_URL", "https://a.org,ftp://b.org", "FRONTEND_URL must be a URL that starts with"),
    ("FRONTEND_URL", "https://a.org,https://b.org/*", "FRONTEND_URL may have * in a host name"),
    ("FRONTEND_URL", " , ", "FRONTEND_URL must name at least one URL"),
    ("FRONTEND_PREVIEW_URL", "https://a.org/?t={tokn}", "FRONTEND_PREVIEW_URL must be an http"),
    ("FRONTEND_PREVIEW_URL", "https://a.org/?path={path}", "FRONTEND_PREVIEW_URL must be an"),
    ("FRONTEND_PREVIEW_URL", "/draft?token={token}", "FRONTEND_PREVIEW_URL must be an http"),
    ("API_CHANGES_RETENTION_DAYS", "0", "API_CHANGES_RETENTION_DAYS must be at least 1, not 0"),
]


def run(command, **environment):
    return subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.dev", **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("variable, value, reason", MALFORMED)
def test_a_malformed_setting_stops_manage_py_with_a_one_line_reason(variable, value, reason):
    result = run([sys.executable, "manage.py", "check"], **{variable: value})

    assert result.returncode == 1
    assert result.stderr.startswith(f"Liner Notes cannot start: {reason}")
    assert result.stderr.count("\n") == 1


def test_a_secret_url_is_not_repeated_in_the_reason():
    result = run([sys.executable, "manage.py", "check"], REDIS_URL="http://:hunter2@cache")

    assert "hunter2" not in result.stderr


def test_a_malformed_setting_stops_gunicorn_rather_than_every_request():
    command = [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{free_port()}"]

    result = run(command, API_THROTTLE_RATE="lots")

    assert result.returncode != 0
    assert "Liner Notes cannot start: API_THROTTLE_RATE must be" in result.stderr
    assert "App failed to load" in result.stderr


@pytest.mark.parametrize("rate", ["off", "OFF", "6000/minute", "10/second", "100/hour", "9/day"])
def test_every_documented_rate_is_taken(rate):
    assert run([sys.executable, "manage.py", "check"], API_THROTTLE_RATE=rate).returncode == 0
