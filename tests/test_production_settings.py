"""cms.settings.production is safe to deploy: Django's deploy checks pass, HTTPS is enforced.

Each test runs manage.py in its own process: settings are read once, at start-up.
"""

import json
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

# In a process of its own, with production settings: the headers of two requests.
REQUESTS = """
import json
from django.test import Client
client = Client()
secure = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https")
plain = client.get("/api/v2/pages/")
health = client.get("/healthz")
print(json.dumps({
    "secure": dict(secure.headers),
    "plain": [plain.status_code, plain.headers.get("Location")],
    "health": health.status_code,
}))
"""

STORAGES = """
from django.conf import settings
from django.core.files.storage import default_storage, storages
print(type(storages["default"]).__name__, type(storages["staticfiles"]).__name__)
print(default_storage.url("images/her.png"))
print("whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE)
"""


@pytest.fixture
def production(tmp_path):
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "cms.example.org,testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }


def manage(environment, *command):
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_deploy_checks_report_nothing(production):
    result = manage(production, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secret_key_or_hosts(production, missing):
    del production[missing]

    result = manage(production, "check")

    assert result.returncode != 0
    assert result.stderr == f"Liner Notes cannot start: Set the {missing} environment variable.\n"


@pytest.mark.parametrize(
    "variable, value, reason",
    [
        ("SECRET_KEY", "django-insecure-liner-notes-development-only", "SECRET_KEY must be"),
        ("SECRET_KEY", "short", "SECRET_KEY must be"),
        ("SECRET_KEY", "a" * 56, "SECRET_KEY must be"),
        ("SECRET_KEY", "ab" * 30, "SECRET_KEY must be"),
        ("ALLOWED_HOSTS", "*", "ALLOWED_HOSTS must name the hosts"),
        ("ALLOWED_HOSTS", "cms.example.org,*", "ALLOWED_HOSTS must name the hosts"),
    ],
)
def test_production_refuses_a_development_or_short_key_and_any_host(
    production, variable, value, reason
):
    production[variable] = value

    result = manage(production, "check")

    assert result.returncode != 0
    assert result.stderr.startswith(f"Liner Notes cannot start: {reason}")
    assert result.stderr.count("\n") == 1


def test_production_settings_do_not_load_the_demo(production):
    manage(production, "migrate", "--no-input")

    result = manage(production, "load_demo")

    assert result.returncode != 0
    assert "use --force to load them anyway" in result.stderr


def test_server_errors_reach_the_process_log_with_their_traceback(production):
    """Django's own logging prints nothing with DEBUG off, and mails errors to ADMINS."""
    code = (
        "import logging\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('django.request').exception('Internal Server Error: /api/')\n"
    )

    result = manage(production, "shell", "--no-imports", "--command", code)

    assert "ERROR django.request: Internal Server Error: /api/" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "ZeroDivisionError: division by zero" in result.stderr


def test_https_is_enforced_with_hsts_nosniff_and_a_referrer_policy(production):
    result = manage(production, "shell", "--no-imports", "--command", REQUESTS)
    responses = json.loads(result.stdout)

    secure = responses["secure"]
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert secure["X-Content-Type-Options"] == "nosniff"
    assert secure["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert responses["plain"] == [301, "https://testserver/api/v2/pages/"]
    assert responses["health"] == 200  # load balancers check over plain HTTP


def test_static_files_come_from_whitenoise_and_media_from_the_filesystem(production):
    result = manage(production, "shell", "--no-imports", "--command", STORAGES)

    classes, media_url, whitenoise = result.stdout.splitlines()
    assert classes == "FileSystemStorage CompressedManifestStaticFilesStorage"
    assert media_url == "http://127.0.0.1:8000/media/images/her.png"
    assert whitenoise == "True"


def test_media_goes_to_s3_compatible_storage_when_a_bucket_is_set(production):
    production.update(
        AWS_STORAGE_BUCKET_NAME="liner-notes-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.org",
        AWS_S3_REGION_NAME="eu-west-1",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )

    result = manage(production, "shell", "--no-imports", "--command", STORAGES)

    classes, media_url, _whitenoise = result.stdout.splitlines()
    assert classes.startswith("S3Storage ")
    assert media_url == "https://objects.example.org/liner-notes-media/images/her.png"
