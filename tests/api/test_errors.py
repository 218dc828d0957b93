"""Every error of the public API is JSON with a message for people, whatever went wrong."""

import pytest
from django.test import Client
from django.urls import reverse

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


@pytest.mark.parametrize("path", ["/api/", "/api/v3/", "/api/v2/reviews/", "/api/v2/pages/x/"])
def test_an_address_with_no_endpoint_gets_a_json_404(client, db, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"message": "there is no API endpoint at this address"}


def test_a_method_the_api_does_not_take_gets_a_405_with_a_message(client, db):
    response = client.post(LISTING_URL)

    assert response.status_code == 405
    assert response.json() == {"message": 'Method "POST" not allowed.'}


def test_a_representation_the_api_cannot_give_gets_a_406_with_a_message(client, db):
    response = client.get(LISTING_URL, headers={"Accept": "image/png"})

    assert response.status_code == 406
    assert "Could not satisfy the request Accept header" in response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_every_endpoint_answers_compact_json_unless_asked_to_indent(client, db, endpoint):
    url = reverse(f"wagtailapi_v2:{endpoint}:listing")

    assert client.get(url).content.startswith(b'{"meta":{"total_count":')
    indented = client.get(url, headers={"Accept": "application/json; indent=2"})
    assert indented.content.startswith(b'{\n  "meta"')


def test_a_query_with_more_fields_than_the_server_reads_gets_a_json_400(client, db, settings):
    query = "&".join(f"f{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = client.get(f"{LISTING_URL}?{query}")

    assert response.status_code == 400
    assert response.json()["message"].startswith("this request could not be read")


@pytest.mark.parametrize("path", ["/api/", "/api/v2/", "/api/nothing/", "/api/v2/pages"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_write_to_an_address_with_no_endpoint_gets_a_json_404(db, path, method):
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)(path)

    assert response.status_code == 404
    assert response.json() == {"message": "there is no API endpoint at this address"}


def test_an_address_without_its_trailing_slash_is_sent_to_the_one_with_it(client, db):
    response = client.get("/api/v2/pages", {"type": "content.FilmReviewPage"})

    assert response.status_code == 301
    assert response["Location"] == "/api/v2/pages/?type=content.FilmReviewPage"


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_the_documents_errors_are_json_too(client, db, path):
    refused = client.post(path)
    unacceptable = client.get(path, headers={"Accept": "image/png"})

    assert refused.status_code == 405
    assert refused.json() == {"message": 'Method "POST" not allowed.'}
    assert unacceptable.status_code == 406
    assert "message" in unacceptable.json()


@pytest.mark.parametrize("value", ["xml", "\u00b2", "jsonp"])
def test_a_format_no_renderer_gives_gets_a_400(client, db, value):
    response = client.get(LISTING_URL, {"format": value})

    assert response.status_code == 400
    assert response.json() == {"message": "format must be one of api, json"}


def test_addresses_with_no_endpoint_count_against_the_rate(client, db, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    for _ in range(3):
        client.get("/api/nothing/")

    assert client.get("/api/nothing/").status_code == 429
