"""The public API is rate limited per client address, cached answers included."""

import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from django.test import RequestFactory
from django.urls import reverse

from api.throttling import count_request
from tests.factories import make_review
from tests.servers import fresh_database_url, gunicorn_servers, manage, redis_environment

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


@pytest.fixture
def three_a_minute(settings, review_index):
    settings.API_THROTTLE_RATE = "3/minute"
    make_review(review_index)


def test_a_client_over_the_limit_gets_429_with_retry_after(client, three_a_minute):
    statuses = [client.get(LISTING_URL).status_code for _ in range(3)]

    response = client.get(LISTING_URL)

    assert statuses == [200, 200, 200]  # the last two from the cache: they count too
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["message"].startswith("too many requests")


def test_every_endpoint_counts_against_one_limit(client, three_a_minute):
    client.get(LISTING_URL)
    client.get(reverse("wagtailapi_v2:images:listing"))
    client.get(reverse("wagtailapi_v2:documents:listing"))

    assert client.get(reverse("wagtailapi_v2:page_preview:preview")).status_code == 429


def test_each_client_address_has_its_own_limit(client, three_a_minute):
    for _ in range(3):
        client.get(LISTING_URL, REMOTE_ADDR="203.0.113.1")

    assert client.get(LISTING_URL, REMOTE_ADDR="203.0.113.1").status_code == 429
    assert client.get(LISTING_URL, REMOTE_ADDR="203.0.113.2").status_code == 200


def test_a_client_cannot_escape_the_limit_with_a_forwarded_for_header(client, three_a_minute):
    for number in range(3):
        client.get(LISTING_URL, headers={"X-Forwarded-For": f"198.51.100.{number}"})

    response = client.get(LISTING_URL, headers={"X-Forwarded-For": "198.51.100.99"})

    assert response.status_code == 429


def test_behind_a_proxy_the_forwarded_address_is_counted(client, three_a_minute, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for _ in range(3):
        client.get(LISTING_URL, headers={"X-Forwarded-For": "198.51.100.1"})

    assert client.get(LISTING_URL, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    assert client.get(LISTING_URL, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200


def test_with_the_limit_off_nothing_is_refused(client, three_a_minute, settings):
    settings.API_THROTTLE_RATE = None

    assert {client.get(LISTING_URL).status_code for _ in range(10)} == {200}


def test_a_client_gets_exactly_the_rate_however_its_requests_interleave(settings, db):
    """Counts are raised atomically: requests racing each other let no extra one in."""
    settings.API_THROTTLE_RATE = "20/hour"
    factory = RequestFactory()

    def ask(_):
        return count_request(factory.get("/api/v2/pages/", REMOTE_ADDR="203.0.113.7")).remaining

    with ThreadPoolExecutor(max_workers=16) as pool:
        remaining = list(pool.map(ask, range(60)))

    assert sorted(remaining, reverse=True) == list(range(19, -41, -1))


def test_every_response_tells_the_rate_and_what_is_left_of_it(client, three_a_minute):
    with mock.patch("api.throttling.time.time", return_value=60 * 10_000 + 15.5):
        first, second, _third, refused = (client.get(LISTING_URL) for _ in range(4))

    for response in (first, second, refused):
        assert response["RateLimit-Policy"] == '"api";q=3;w=60'
    assert first["RateLimit"] == '"api";r=2;t=45'
    assert second["RateLimit"] == '"api";r=1;t=45'
    assert refused["RateLimit"] == '"api";r=0;t=45'


def test_with_the_limit_off_no_rate_is_told(client, three_a_minute, settings):
    settings.API_THROTTLE_RATE = None

    assert "RateLimit" not in client.get(LISTING_URL)


def test_retry_after_is_the_real_wait(client, three_a_minute):
    with mock.patch("api.throttling.time.time", return_value=60 * 10_000 + 15.5):
        for _ in range(3):
            client.get(LISTING_URL)
        response = client.get(LISTING_URL)

    assert response["Retry-After"] == "45"


def test_the_openapi_document_and_its_docs_count_too(client, three_a_minute):
    for _ in range(3):
        client.get(LISTING_URL)

    assert client.get("/api/schema/").status_code == 429
    assert client.get("/api/docs/").status_code == 429


def test_processes_that_share_redis_share_one_count(tmp_path):
    """Two gunicorn processes, many clients' requests at once from one address."""
    with fresh_database_url("throttle_tests", tmp_path) as database_url:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": database_url,
            "API_THROTTLE_RATE": "30/hour",
            # Counted by X-Forwarded-For: the servers' start-up checks count apart.
            "NUM_PROXIES": "1",
            **redis_environment(),
        }
        manage(environment, "migrate", "--no-input")
        with gunicorn_servers(environment, 2, "--workers", "2", "--threads", "4") as urls:

            def ask(number):
                url = f"{urls[number % 2]}/api/v2/pages/"
                request = urllib.request.Request(url, headers={"X-Forwarded-For": "198.51.100.7"})  # noqa: S310
                try:
                    with urllib.request.urlopen(request) as response:  # noqa: S310
                        return response.status
                except urllib.error.HTTPError as error:
                    return error.code

            with ThreadPoolExecutor(max_workers=16) as pool:
                statuses = list(pool.map(ask, range(80)))

    assert statuses.count(200) == 30
    assert statuses.count(429) == 50
