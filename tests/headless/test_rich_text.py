"""Links and images in rich text come out as the public may see them, and never fail the
page they are in, whatever the stored text holds."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import ImageFactory, intro, make_review, track


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
