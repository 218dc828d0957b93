"""What every client gets from HTTP: compressed responses, compressed once; CORS for
every frontend origin, with the headers a browser needs to revalidate."""

import gzip
from unittest import mock

import brotli
import pytest
from django.test import override_settings
from django.urls import reverse

from api import compression
from cms.settings.environment import origin_pattern
from tests.factories import make_review

LISTING_URL = reverse("wagtailapi_v2:pages:listing")
FRONTEND = "http://localhost:8020"


@pytest.fixture
def reviews(review_index):
    for number in range(5):
        make_review(review_index, title=f"Review {number}")


def listing(client, accept_encoding=None, **headers):
    if accept_encoding is not None:
        headers["Accept-Encoding"] = accept_encoding
    return client.get(LISTING_URL, {"type": "content.FilmReviewPage"}, headers=headers)


@pytest.mark.parametrize(
    "accept_encoding, encoding",
    [
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0.5, gzip;q=0.8", "gzip"),
        ("*", "br"),
        ("br;q=0, *;q=0.1", "gzip"),
        ("identity", None),
        ("", None),
        ("gzip;q=0", None),
        ("gzip;q=nonsense", None),
    ],
)
def test_a_listing_comes_in_the_encoding_the_client_prefers(
    client, reviews, accept_encoding, encoding
):
    plain = listing(client).content

    response = listing(client, accept_encoding)

    assert response.get("Content-Encoding") == encoding
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding]
    assert decode(response.content) == plain
    assert "Accept-Encoding" in response["Vary"]


def test_each_encoding_has_its_own_etag_and_any_of_them_revalidates(client, reviews):
    plain, zipped = listing(client), listing(client, "gzip")

    assert zipped["ETag"] == plain["ETag"][:-1] + '-gzip"'
    assert listing(client, "gzip", **{"If-None-Match": plain["ETag"]}).status_code == 304
    assert listing(client, **{"If-None-Match": zipped["ETag"]}).status_code == 304
    weakened = "W/" + zipped["ETag"]
    assert listing(client, "br", **{"If-None-Match": weakened}).status_code == 304
    assert listing(client, "br", **{"If-None-Match": '"other-gzip"'}).status_code == 200


def test_a_stored_response_is_compressed_once_per_encoding(client, reviews):
    with mock.patch.object(compression, "compress", wraps=compression.compress) as compress:
        for _ in range(3):
            listing(client, "br")
            listing(client, "gzip")

    assert sorted(call.args[1] for call in compress.call_args_list) == ["br", "gzip"]


def test_a_small_response_is_sent_as_it_is(client, db):
    response = client.get(
        reverse("wagtailapi_v2:pages:detail", args=[99999]), headers={"Accept-Encoding": "gzip"}
    )

    assert "Content-Encoding" not in response


def test_a_preview_is_not_compressed(client, db):
    """Drafts are for one editor and are never stored: only public responses are."""
    response = client.get(
        reverse("wagtailapi_v2:page_preview:preview"), headers={"Accept-Encoding": "gzip"}
    )

    assert "Content-Encoding" not in response


@override_settings(
    CORS_ALLOWED_ORIGINS=["https://reviews.example", "https://staging.reviews.example"],
    CORS_ALLOWED_ORIGIN_REGEXES=[origin_pattern("https://*.previews.example")],
)
@pytest.mark.parametrize(
    "origin, allowed",
    [
        ("https://reviews.example", True),
        ("https://staging.reviews.example", True),
        ("https://pr-12-reviews.previews.example", True),
        ("https://a.b.previews.example", False),
        ("https://previews.example", False),
        ("https://evil.example/.previews.example", False),
        ("http://pr-12.previews.example", False),
    ],
)
def test_several_frontend_origins_and_patterns_may_read_the_api(client, reviews, origin, allowed):
    response = listing(client, Origin=origin)

    assert response.get("Access-Control-Allow-Origin") == (origin if allowed else None)


def test_a_browser_may_revalidate_and_read_the_validators(client, reviews):
    preflight = client.options(
        LISTING_URL,
        headers={
            "Origin": FRONTEND,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match, if-modified-since",
        },
    )
    response = listing(client, Origin=FRONTEND)

    allowed = preflight["Access-Control-Allow-Headers"].split(", ")
    assert {"if-none-match", "if-modified-since"} <= set(allowed)
    exposed = response["Access-Control-Expose-Headers"].split(", ")
    assert {"ETag", "Last-Modified", "Retry-After", "RateLimit-Policy", "RateLimit"} <= set(exposed)


@pytest.mark.parametrize(
    "path", [LISTING_URL, reverse("wagtailapi_v2:pages:find"), "/api/schema/", "/api/nothing/"]
)
def test_a_preflight_names_only_the_methods_the_address_takes(client, db, path):
    preflight = client.options(
        path, headers={"Origin": FRONTEND, "Access-Control-Request-Method": "GET"}
    )

    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_answers_vary_alike_whether_the_cache_built_them_or_not(client, reviews):
    """The API reads no session, so that no answer varies on the cookie."""
    client.cookies["sessionid"] = "anything"
    built, stored = listing(client, "gzip"), listing(client, "gzip")

    assert built["Vary"] == stored["Vary"]
    assert "Cookie" not in built["Vary"]
