"""Images and documents in collections with a view restriction stay out of the public API."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import FilmFactory, ImageFactory, ReviewerFactory, intro, make_review, track


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


@pytest.fixture
def review_with_media_in(review_index):
    """A review that shows an image of ``collection`` everywhere a review shows images,
    and links a document of it."""

    def make(collection):
        image = ImageFactory(title="Embargoed still", collection=collection)
        document = Document.objects.create(
            title="Cue sheet", file=ContentFile(b"cues", name="cues.txt"), collection=collection
        )
        film = FilmFactory(title="Her", poster=image)
        review = make_review(
            review_index,
            film=film,
            reviewer=ReviewerFactory(photo=image),
            hero_image=image,
            body=[
                intro(
                    f'<p>See <a linktype="document" id="{document.pk}">the cues</a>.</p>'
                    f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Still"/>'
                ),
                track("One"),
            ],
        )
        return reverse("wagtailapi_v2:pages:detail", args=[review.pk])

    return make


def shown_media(client, url):
    data = client.get(url).json()
    rendered = [data[name] for name in ("hero_image", "hero_image_wide", "hero_image_card")]
    rendered += [data["film"]["poster"], data["reviewer"]["photo"]]
    intro_html = data["body"][0]["value"]
    return sum(value is not None for value in rendered), "<img" in intro_html, "href" in intro_html


def test_a_review_hides_media_of_a_restricted_collection_wherever_it_shows_them(
    client, private_collection, review_with_media_in
):
    url = review_with_media_in(private_collection)

    assert shown_media(client, url) == (0, False, False)


def test_lifting_the_restriction_shows_the_reviews_media_again(client, db, review_with_media_in):
    collection = Collection.get_first_root_node().add_child(name="Stills")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    url = review_with_media_in(collection)
    assert shown_media(client, url) == (0, False, False)

    restriction.delete()

    assert shown_media(client, url) == (5, True, True)


def test_moving_a_collection_under_a_restricted_one_hides_its_images(
    client, db, private_collection
):
    collection = Collection.get_first_root_node().add_child(name="Stills")
    image = ImageFactory(title="A still", collection=collection)
    detail_url = reverse("wagtailapi_v2:images:detail", args=[image.pk])
    assert listed_titles(client, "images") == ["A still"]
    assert client.get(detail_url).status_code == 200

    collection.move(private_collection, pos="sorted-child")

    assert listed_titles(client, "images") == []
    assert client.get(detail_url).status_code == 404


@pytest.mark.usefixtures("run_tasks_immediately")  # searches the index that tasks write
def test_image_search_works_beside_a_restricted_collection(client, private_collection):
    ImageFactory(title="Public still")
    ImageFactory(title="Embargoed still", collection=private_collection)

    response = client.get(reverse("wagtailapi_v2:images:listing"), {"search": "still"})

    assert [item["title"] for item in response.json()["items"]] == ["Public still"]
