"""The OpenAPI document at /api/schema/ is true to the API: schemathesis proves it.

Schemathesis reads the served document, then calls every operation with requests it
generates from it, valid (positive) and invalid (negative). Each response must have a
documented status and content type and match its schema, and none may be a server error.
"""

from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import filters
from api.openapi.filters import IDS_PATTERN
from api.views import PagesAPIViewSet
from cms.wsgi import application
from content.blocks import ReviewBodyBlock
from content.models import FilmReviewPage, ReviewIndexPage
from content.serializers import FilmSerializer, ReviewerSerializer, SoundtrackSerializer
from home.models import HomePage

TAXONOMIES = ("tags", "films", "composers", "reviewers")
EXAMPLES_PER_OPERATION = 100
# Over the ten operations, at least 1,000 requests, some of them invalid by design.
MINIMUM_REQUESTS_PER_OPERATION = 100
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# Schemathesis reads responses as they come over WSGI: uncompressed (test_transport.py
# checks the compressed ones).
UNCOMPRESSED = {"Accept-Encoding": "identity"}


@pytest.fixture
def demo_content(db):
    """The demo, in the test's transaction, which the WSGI calls below must not close.

    Schemathesis calls the WSGI application itself, whose request signals would close the
    test's database connection at the end of each request; Django's test client
    disconnects them the same way.
    """
    call_command("load_demo", verbosity=0)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def requests_sent():
    """Counts the requests of one operation's test by generation mode, then checks there
    were enough of each: hypothesis stops early when it runs out of new cases."""
    sent = Counter()
    yield sent
    assert sent[GenerationMode.POSITIVE] + sent[GenerationMode.NEGATIVE] >= (
        MINIMUM_REQUESTS_PER_OPERATION
    ), sent
    assert sent[GenerationMode.NEGATIVE] >= MINIMUM_REQUESTS_PER_OPERATION // 4, sent


@pytest.mark.usefixtures("demo_content")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_documented(case, requests_sent):
    case.call_and_validate(checks=CHECKS, headers=UNCOMPRESSED)
    requests_sent[case.meta.generation.mode] += 1


def test_every_published_page_conforms_with_all_its_fields(demo_content):
    """Random requests seldom name a real page type and id: these do, for each page."""
    listing, detail = schema["/api/v2/pages/"]["GET"], schema["/api/v2/pages/{id}/"]["GET"]
    page_ids = []
    for page_type in ("content.FilmReviewPage", "content.ReviewIndexPage", "home.HomePage"):
        response = listing.Case(query={"type": page_type, "fields": "*"}).call_and_validate(
            checks=CHECKS, headers=UNCOMPRESSED
        )
        page_ids += [item["id"] for item in response.json()["items"]]

    assert len(page_ids) == 5
    for page_id in page_ids:
        case = detail.Case(path_parameters={"id": page_id}, query={"fields": "*"})
        assert case.call_and_validate(checks=CHECKS, headers=UNCOMPRESSED).status_code == 200


def test_replies_to_a_real_review_conform_both_ways(demo_content):
    """Random requests seldom name a live review: these read and send replies to each."""
    listing, send = schema["/api/v2/replies/"]["GET"], schema["/api/v2/replies/"]["POST"]
    for review in FilmReviewPage.objects.live():
        response = listing.Case(query={"page": review.pk}).call_and_validate(
            checks=CHECKS, headers=UNCOMPRESSED
        )
        assert response.json()["items"], review
        reply = {"page": review.pk, "name": "Ines", "email": "ines@example.com", "body": "Yes."}
        for answer in (reply, {**reply, "parent": response.json()["items"][0]["id"]}):
            sent = send.Case(body=answer, media_type="application/json").call_and_validate(
                checks=CHECKS, headers=UNCOMPRESSED
            )
            assert sent.status_code == 202


PAGE_TYPES = {
    "content.FilmReviewPage": [
        "film(title,composers)",
        "_,reviewer(name),hero_image(title)",
        "body,tracklist",
        "soundtrack(label),-teaser",
    ],
    "content.ReviewIndexPage": ["introduction"],
    "home.HomePage": [],
}
SHARED_FIELDS = [None, "*", "_", "title", "-title", "_,slug"]


def conforming(operation, query=None, path_parameters=None):
    """The response to one real request, checked against the document: status code,
    content type, and the schema with every required property enforced."""
    case = schema[operation]["GET"].Case(query=query or {}, path_parameters=path_parameters)
    response = case.call_and_validate(checks=CHECKS, headers=UNCOMPRESSED)
    assert response.status_code == 200, (operation, query, response.text)
    return response.json()


def query_of(url):
    return dict(parse_qsl(urlsplit(url).query))


def test_real_responses_of_every_endpoint_conform_to_the_document(demo_content):
    """Random requests seldom name real page types, fields and cursors: these do, at
    least 200 of them, each response validated with its required properties."""
    checked = 0
    page_ids = set()
    for page_type, typed_fields in [(None, []), *PAGE_TYPES.items()]:
        for fields in [*SHARED_FIELDS, *typed_fields]:
            for order in (None, "-last_published_at", "title"):
                query = {"type": page_type, "fields": fields, "order": order, "limit": 2}
                query = {name: value for name, value in query.items() if value}
                body = conforming("/api/v2/pages/", query)
                page_ids |= {(item["id"], item["meta"]["type"]) for item in body["items"]}
                checked += 1
                if body["meta"]["next"]:
                    conforming("/api/v2/pages/", query_of(body["meta"]["next"]))
                    checked += 1
    for page_id, page_type in sorted(page_ids):
        for fields in [*SHARED_FIELDS, *PAGE_TYPES[page_type]]:
            query = {"fields": fields} if fields else {}
            conforming("/api/v2/pages/{id}/", query, path_parameters={"id": page_id})
            checked += 1
    for taxonomy in TAXONOMIES:
        for order in (None, "-review_count", "-name" if taxonomy != "films" else "-title"):
            for limit in (1, 100):
                query = {name: value for name, value in {"order": order}.items() if value}
                body = conforming(f"/api/v2/{taxonomy}/", {**query, "limit": limit})
                checked += 1
                if body["meta"]["next"]:
                    conforming(f"/api/v2/{taxonomy}/", query_of(body["meta"]["next"]))
                    checked += 1
    for endpoint in ("images", "documents"):
        body = conforming(f"/api/v2/{endpoint}/", {"fields": "*"})
        checked += 1
        for item in body["items"]:
            conforming(f"/api/v2/{endpoint}/{{id}}/", path_parameters={"id": item["id"]})
            checked += 1
    start = conforming("/api/v2/changes/")
    _last_id, hour, epoch = query_of(start["meta"]["next"])["since"].split("-")
    body = conforming("/api/v2/changes/", {"since": f"0-{hour}-{epoch}", "limit": 100})
    assert body["items"]  # the demo's pages, published
    checked += 2

    assert checked >= 200


def test_the_document_is_served_as_json_and_describes_every_endpoint(client):
    response = client.get("/api/schema/", headers={"Accept": "application/json"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        f"/api/v2/{endpoint}/{suffix}"
        for endpoint in ("pages", "images", "documents")
        for suffix in ("", "{id}/", "find/")
    } | {
        f"/api/v2/{endpoint}/"
        for endpoint in ("page_preview", "page_preview/userbar", "changes", "replies", *TAXONOMIES)
    }


def test_the_document_describes_every_review_field_and_body_block(client):
    schemas = client.get("/api/schema/?format=json").json()["components"]["schemas"]

    review_fields = {field.name for field in FilmReviewPage.api_fields}
    assert review_fields <= set(schemas["FilmReviewPage"]["properties"])
    for name, block in ReviewBodyBlock().child_blocks.items():
        block_schema = schemas[type(block).__name__]
        assert block_schema["properties"]["type"]["enum"] == [name]
    track = schemas["TrackCommentaryBlock"]["properties"]["value"]["properties"]
    assert track["track_number"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 999,
        "nullable": True,
        "description": "Its place on the album.",
    }


def document(client):
    return client.get("/api/schema/?format=json").json()


def listing_parameters(client, endpoint):
    operation = document(client)["paths"][f"/api/v2/{endpoint}/"]["get"]
    return {parameter["name"]: parameter for parameter in operation["parameters"]}


def test_the_document_is_generated_without_a_warning(tmp_path, db):
    """drf-spectacular warns where it falls back on a guess: every type here is known."""
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "openapi.yaml")
    )


def test_limits_come_from_the_settings_and_the_filters(client, db, settings, monkeypatch):
    settings.WAGTAILAPI_LIMIT_MAX = 50
    monkeypatch.setattr(filters, "MAX_LIST_ITEMS", 7)

    parameters = listing_parameters(client, "pages")

    assert parameters["limit"]["schema"]["maximum"] == 50
    assert "at most 7" in parameters["tag"]["description"]


def test_every_filterable_field_of_every_page_type_is_a_parameter(client, db):
    parameters = listing_parameters(client, "pages")

    for model in (FilmReviewPage, ReviewIndexPage, HomePage):
        fields = set(PagesAPIViewSet.get_available_fields(model, db_fields_only=True))
        assert fields - {"locale"} <= set(parameters), model
    assert parameters["film"]["schema"]["pattern"] == IDS_PATTERN
    assert parameters["first_published_at"]["schema"] == {
        "type": "string",
        "format": "date-time",
        "minLength": 1,  # as every text parameter: an empty value is a 400
    }
    assert "tags" not in parameters and "body" not in parameters
    assert set(listing_parameters(client, "images")) >= {"title", "width", "height", "order"}


def test_nested_objects_are_described_by_their_serializers(client, db):
    schemas = document(client)["components"]["schemas"]

    for component, serializer in [
        ("Film", FilmSerializer()),
        ("Reviewer", ReviewerSerializer()),
        ("Soundtrack", SoundtrackSerializer()),
    ]:
        assert list(schemas[component]["properties"]) == list(serializer.fields), component
        # ?fields=film(title) selects among them.
        assert "required" not in schemas[component], component


@pytest.mark.parametrize(
    "union, suffix", [("Page", ""), ("PageInListing", "InListing"), ("PagePreview", "Preview")]
)
def test_every_page_type_is_one_of_the_pages_told_apart_by_meta_type(client, db, union, suffix):
    schemas = document(client)["components"]["schemas"]

    names = {ref["$ref"].rsplit("/", 1)[1] for ref in schemas[union]["oneOf"]}

    assert names == {
        f"{name}{suffix}" for name in ("FilmReviewPage", "ReviewIndexPage", "HomePage")
    }
    for name in names:
        assert schemas[name]["required"] == ["id", "meta"]
        assert "type" in schemas[name]["properties"]["meta"]["required"]
        [page_type] = schemas[name]["properties"]["meta"]["properties"]["type"]["enum"]
        assert page_type.endswith(name.removesuffix(suffix))


def test_listing_and_detail_items_have_their_own_meta(client, db):
    schemas = document(client)["components"]["schemas"]

    detail = schemas["FilmReviewPage"]["properties"]["meta"]["properties"]
    in_listing = schemas["FilmReviewPageInListing"]["properties"]["meta"]["properties"]

    assert "parent" in detail and "parent" not in in_listing
    assert "last_published_at" in detail and "last_published_at" in in_listing


def test_a_preview_may_have_no_id_and_says_it_is_a_preview(client, db):
    preview = document(client)["components"]["schemas"]["FilmReviewPagePreview"]

    assert preview["properties"]["id"]["nullable"] is True
    assert preview["properties"]["meta"]["properties"]["is_preview"] == {
        "type": "boolean",
        "enum": [True],
    }


def test_what_is_always_there_is_required(client, db):
    schemas = document(client)["components"]["schemas"]

    meta = schemas["PaginatedPageInListingList"]["properties"]["meta"]
    assert meta["required"] == ["total_count", "next", "previous"]
    for name in ("TagItem", "FilmItem", "ComposerItem", "ReviewerItem", "PageChange"):
        assert set(schemas[name]["required"]) == set(schemas[name]["properties"]), name
    track = schemas["TrackCommentaryBlock"]
    assert track["required"] == ["type", "value", "id"]


def test_orderings_are_an_enum_of_what_the_api_takes(client, db):
    order = listing_parameters(client, "pages")["order"]["schema"]

    assert order["type"] == "string"
    assert {"title", "-title", "rating", "-last_published_at", "random"} <= set(order["enum"])
    assert "body" not in order["enum"] and "film" not in order["enum"]
    for taxonomy in TAXONOMIES:
        enum = listing_parameters(client, taxonomy)["order"]["schema"]["enum"]
        assert "-review_count" in enum, taxonomy


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/tags/"])
def test_status_codes_and_headers_are_documented(client, db, path):
    responses = document(client)["paths"][path]["get"]["responses"]

    assert {"200", "304", "400", "405", "429"} <= set(responses)
    assert {"ETag", "Last-Modified", "RateLimit-Policy", "RateLimit"} <= set(
        responses["200"]["headers"]
    )
    assert "Retry-After" in responses["429"]["headers"]
    assert "ETag" in responses["304"]["headers"]


def test_the_docs_page_renders_the_document(client):
    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    assert b'spec-url="/api/schema/"' in response.content
