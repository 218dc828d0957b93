"""/healthz tells a load balancer whether this process can reach its database and cache."""

from unittest import mock

from django.db import OperationalError
from django.urls import reverse


def test_a_healthy_process_answers_200(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_an_unreachable_database_answers_503(client, db):
    with mock.patch(
        "cms.health.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy", "database": "unreachable", "cache": "ok"}


def test_an_unreachable_cache_answers_503(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy", "database": "ok", "cache": "unreachable"}


def test_the_health_check_takes_no_writes(client, db):
    assert client.post(reverse("healthz")).status_code == 405
