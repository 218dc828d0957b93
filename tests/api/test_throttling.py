"""The public API is rate limited per client address, cached answers included."""

import pytest
from django.urls import reverse

from tests.factories import make_review

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
