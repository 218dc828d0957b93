"""The OpenAPI document at /api/schema/ is true to the API: schemathesis proves it.

Schemathesis reads the served document, then calls every operation with requests it
generates from it, valid (positive) and invalid (negative). Each response must have a
documented status and content type and match its schema, and none may be a server error.
"""

from collections import Counter

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
from api.views import PagesAPIViewSet
from cms.wsgi import application
from content.blocks import ReviewBodyBlock
from content.models import FilmReviewPage, ReviewIndexPage
from content.serializers import FilmSerializer, ReviewerSerializer, SoundtrackSerializer
from home.models import HomePage

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
    case.call_and_validate(checks=CHECKS)
    requests_sent[case.meta.generation.mode] += 1


def test_every_published_page_conforms_with_all_its_fields(demo_content):
    """Random requests seldom name a real page type and id: these do, for each page."""
    listing, detail = schema["/api/v2/pages/"]["GET"], schema["/api/v2/pages/{id}/"]["GET"]
    page_ids = []
    for page_type in ("content.FilmReviewPage", "content.ReviewIndexPage", "home.HomePage"):
        response = listing.Case(query={"type": page_type, "fields": "*"}).call_and_validate(
            checks=CHECKS
        )
        page_ids += [item["id"] for item in response.json()["items"]]

    assert len(page_ids) == 5
    for page_id in page_ids:
        case = detail.Case(path_parameters={"id": page_id}, query={"fields": "*"})
        assert case.call_and_validate(checks=CHECKS).status_code == 200


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
    } | {"/api/v2/page_preview/", "/api/v2/page_preview/userbar/"}


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
    monkeypatch.setattr(filters, "MAX_TAGS", 7)

    parameters = listing_parameters(client, "pages")

    assert parameters["limit"]["schema"]["maximum"] == 50
    assert "at most 7" in parameters["tag"]["description"]


def test_every_filterable_field_of_every_page_type_is_a_parameter(client, db):
    parameters = listing_parameters(client, "pages")

    for model in (FilmReviewPage, ReviewIndexPage, HomePage):
        fields = set(PagesAPIViewSet.get_available_fields(model, db_fields_only=True))
        assert fields - {"locale"} <= set(parameters), model
    assert parameters["film"]["schema"] == {"type": "integer"}
    assert parameters["first_published_at"]["schema"] == {"type": "string", "format": "date-time"}
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
        assert set(schemas[component]["required"]) == set(serializer.fields), component


def test_every_page_type_is_one_of_the_pages(client, db):
    page_schema = document(client)["components"]["schemas"]["Page"]

    assert {ref["$ref"].rsplit("/", 1)[1] for ref in page_schema["anyOf"]} == {
        "FilmReviewPage",
        "ReviewIndexPage",
        "HomePage",
    }


def test_the_docs_page_renders_the_document(client):
    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    assert b'spec-url="/api/schema/"' in response.content
