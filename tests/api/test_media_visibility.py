"""Images and documents in collections with a view restriction stay out of the public API."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import ImageFactory


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Press embargo")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection.add_child(name="Under embargo too")


def listed_titles(client, endpoint):
    response = client.get(reverse(f"wagtailapi_v2:{endpoint}:listing"))
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture(params=["anonymous", "logged in"])
def client(request, client, db):
    """An anonymous client, and one whose session would open a login restriction."""
    if request.param == "logged in":
        client.force_login(get_user_model().objects.create_user(username="reader"))
    return client


def test_images_in_a_restricted_collection_are_hidden(client, private_collection):
    ImageFactory(title="Public still")
    secret = ImageFactory(title="Embargoed still", collection=private_collection)

    assert listed_titles(client, "images") == ["Public still"]
    detail = client.get(reverse("wagtailapi_v2:images:detail", args=[secret.pk]))
    assert detail.status_code == 404
    find = client.get(reverse("wagtailapi_v2:images:find"), {"id": secret.pk})
    assert find.status_code == 404


def test_documents_in_a_restricted_collection_are_hidden(client, private_collection):
    Document.objects.create(title="Press kit", file=ContentFile(b"kit", name="kit.txt"))
    secret = Document.objects.create(
        title="Embargoed notes",
        file=ContentFile(b"notes", name="notes.txt"),
        collection=private_collection,
    )

    assert listed_titles(client, "documents") == ["Press kit"]
    detail = client.get(reverse("wagtailapi_v2:documents:detail", args=[secret.pk]))
    assert detail.status_code == 404


def test_restricting_a_collection_drops_its_cached_images(client, db):
    collection = Collection.get_first_root_node().add_child(name="Stills")
    image = ImageFactory(title="A still", collection=collection)
    detail_url = reverse("wagtailapi_v2:images:detail", args=[image.pk])
    assert client.get(detail_url).status_code == 200
    assert listed_titles(client, "images") == ["A still"]

    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )

    assert client.get(detail_url).status_code == 404
    assert listed_titles(client, "images") == []
