"""A cached response is served only to a request that would have been given the same bytes:
the representation that content negotiation picks is part of what is cached."""

import pytest
from django.urls import reverse

from tests.factories import make_review

INDENTED = {"Accept": "application/json; indent=4"}


@pytest.fixture
def detail_url(review_index):
    return reverse("wagtailapi_v2:pages:detail", args=[make_review(review_index).pk])


def is_indented(response):
    return response.content.startswith(b'{\n    "id"')


def test_an_indented_response_is_not_served_to_clients_that_did_not_ask_for_it(client, detail_url):
    assert is_indented(client.get(detail_url, headers=INDENTED))

    plain = client.get(detail_url)

    assert plain.content.startswith(b'{"id"')


def test_each_representation_is_cached_with_its_own_etag(
    client, detail_url, django_assert_num_queries
):
    indented, plain = client.get(detail_url, headers=INDENTED), client.get(detail_url)

    with django_assert_num_queries(2):  # one check of each stored response
        assert client.get(detail_url, headers=INDENTED).content == indented.content
        assert client.get(detail_url).content == plain.content
    assert indented["ETag"] != plain["ETag"]


def test_the_quality_of_a_media_type_does_not_split_the_cache(
    client, detail_url, django_assert_num_queries
):
    plain = client.get(detail_url)

    with django_assert_num_queries(1):
        again = client.get(detail_url, headers={"Accept": "application/json; q=0.9, */*; q=0.1"})

    assert again.content == plain.content


def test_a_head_request_does_not_change_what_get_is_served(client, detail_url):
    head = client.head(detail_url, headers={"Accept": "application/json; indent=2"})

    get = client.get(detail_url)

    assert head.status_code == 200
    assert get.content.startswith(b'{"id"')
    assert head["ETag"] != get["ETag"]


def test_a_head_request_gets_the_headers_of_the_get_it_stands_for(client, detail_url):
    get = client.get(detail_url)

    head = client.head(detail_url)

    assert head["ETag"] == get["ETag"]
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""


def test_the_browsable_api_is_never_stored_nor_served_from_the_cache(
    client, detail_url, django_assert_max_num_queries
):
    """Its HTML shows who is logged in."""
    client.get(detail_url)
    client.get(detail_url, headers={"Accept": "text/html"})

    with django_assert_max_num_queries(50) as queries:
        html = client.get(detail_url, headers={"Accept": "text/html"})

    assert html["Content-Type"].startswith("text/html")
    assert len(queries) > 1
    assert "public" not in html.get("Cache-Control", "")
    assert client.get(detail_url)["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "accept", ["text/*", "TEXT/HTML", "application/json; indent=4", "*/*; indent=2", "text/html"]
)
def test_no_representation_reaches_a_client_that_asked_for_another(client, detail_url, accept):
    variant = client.get(detail_url, headers={"Accept": accept})
    plain = client.get(detail_url)
    variant_again = client.get(detail_url, headers={"Accept": accept})

    assert plain["Content-Type"] == "application/json"
    assert plain.content.startswith(b'{"id"')
    assert variant_again["Content-Type"] == variant["Content-Type"]
    assert variant_again.content.startswith(variant.content[:20])
