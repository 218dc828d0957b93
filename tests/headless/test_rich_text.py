"""Links and images in rich text come out as the public may see them, and never fail the
page they are in, whatever the stored text holds."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import ImageFactory, intro, make_review, png_file, track


def intro_html(client, review):
    response = client.get(reverse("wagtailapi_v2:pages:detail", args=[review.pk]))
    assert response.status_code == 200
    return response.json()["body"][0]["value"]


@pytest.fixture
def review_with(review_index):
    def make(html):
        return make_review(review_index, body=[intro(f"<p>{html}</p>"), track("One")])

    return make


@pytest.mark.parametrize(
    "link",
    [
        '<a linktype="page" id="abc">',
        '<a linktype="page" id="999999">',
        '<a linktype="document" id="x1">',
    ],
)
def test_a_link_that_names_nothing_keeps_its_text_without_an_address(client, review_with, link):
    review = review_with(f"See {link}Arrival</a>.")

    assert intro_html(client, review) == "<p>See <a>Arrival</a>.</p>"


@pytest.mark.parametrize("image_format", ["bogus", ""])
def test_an_image_in_a_format_the_site_lacks_renders_as_nothing(client, review_with, image_format):
    image = ImageFactory()
    review = review_with(
        f'Before<embed embedtype="image" id="{image.pk}" format="{image_format}" alt="x"/>'
    )

    assert intro_html(client, review) == "<p>Before</p>"


def test_an_image_that_is_gone_renders_as_nothing(client, review_with):
    review = review_with('Before<embed embedtype="image" id="424242" format="fullwidth" alt="x"/>')

    assert intro_html(client, review) == "<p>Before</p>"


def test_the_editor_opens_text_that_holds_them(admin_client, review_with):
    review = review_with(
        '<a linktype="page" id="abc">Arrival</a>'
        f'<embed embedtype="image" id="{ImageFactory().pk}" format="bogus" alt="x"/>'
    )

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))

    assert response.status_code == 200


def test_a_link_to_a_draft_gets_its_address_once_the_draft_is_published(
    client, review_index, review_with
):
    draft = make_review(review_index, title="Arrival", slug="arrival", publish=False)
    review = review_with(f'See <a linktype="page" id="{draft.pk}">Arrival</a>.')
    assert intro_html(client, review) == "<p>See <a>Arrival</a>.</p>"

    draft.save_revision().publish()

    assert intro_html(client, review) == (
        '<p>See <a href="http://localhost:8020/reviews/arrival/">Arrival</a>.</p>'
    )


def test_a_link_to_a_restricted_page_loses_its_address_while_restricted(
    client, review_index, review_with
):
    linked = make_review(review_index, title="Arrival", slug="arrival")
    review = review_with(f'See <a linktype="page" id="{linked.pk}">Arrival</a>.')
    assert 'href="http://localhost:8020/reviews/arrival/"' in intro_html(client, review)

    restriction = PageViewRestriction.objects.create(
        page=linked, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert intro_html(client, review) == "<p>See <a>Arrival</a>.</p>"

    restriction.delete()
    assert 'href="http://localhost:8020/reviews/arrival/"' in intro_html(client, review)


FORMATS = ["html", "markdown", "db_html", "db_markdown"]


@pytest.mark.parametrize("rich_text_format", FORMATS)
def test_no_format_shows_what_the_public_may_not_see(
    client, review_index, review_with, rich_text_format
):
    draft = make_review(review_index, title="Arrival", slug="unseen-arrival", publish=False)
    embargo = Collection.get_first_root_node().add_child(name="Embargo")
    CollectionViewRestriction.objects.create(
        collection=embargo, restriction_type=CollectionViewRestriction.LOGIN
    )
    image = ImageFactory(collection=embargo, file=png_file("unseen-still.png"))
    document = Document.objects.create(
        title="Notes", file=ContentFile(b"notes", name="unseen-notes.txt"), collection=embargo
    )
    review = review_with(
        f'<a linktype="page" id="{draft.pk}">Arrival</a> and '
        f'<a linktype="document" id="{document.pk}">the notes</a>'
        f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="An unseen still"/>'
    )

    response = client.get(
        reverse("wagtailapi_v2:pages:detail", args=[review.pk]),
        {"rich_text_format": rich_text_format},
    )
    text = response.json()["body"][0]["value"]

    assert "Arrival" in text and "the notes" in text
    for secret in ("unseen", f'id="{draft.pk}"', f"id={draft.pk}", "An unseen still", "linktype"):
        assert secret not in text, (secret, text)


def test_an_id_no_database_holds_keeps_the_text_without_an_address(client, review_with):
    review = review_with('<a linktype="page" id="99999999999999999999">Arrival</a>')

    assert intro_html(client, review) == "<p><a>Arrival</a></p>"
