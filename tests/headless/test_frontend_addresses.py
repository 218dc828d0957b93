"""Headless pages live at the frontend: their URLs, "View live" and rich text links say so."""

import pytest
from django.urls import reverse
from wagtail.documents.models import Document

from content.models import FilmReviewPage
from tests.factories import FilmFactory, ImageFactory, intro, make_review, png_file, track


def detail_url(page):
    return reverse("wagtailapi_v2:pages:detail", args=[page.pk])


@pytest.fixture
def review(review_index):
    return make_review(review_index, title="Her", slug="her", film=FilmFactory(title="Her"))


def test_page_urls_point_at_the_frontend(review):
    assert review.full_url == "http://localhost:8020/reviews/her/"
    assert review.url == "http://localhost:8020/reviews/her/"


def test_requesting_a_page_on_the_cms_redirects_to_the_frontend(client, review):
    response = client.get("/reviews/her/")

    assert response.status_code == 302
    assert response["Location"] == "http://localhost:8020/reviews/her/"


def test_view_live_in_the_admin_opens_the_page_on_the_frontend(admin_client, review):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))

    assert 'href="http://localhost:8020/reviews/her/"' in response.content.decode()


def test_rich_text_links_point_at_the_frontend_and_the_cms(client, review_index):
    linked_review = make_review(review_index, title="Arrival", slug="arrival")
    document = Document.objects.create(title="Liner notes", file=png_file("notes.pdf"))
    image = ImageFactory()
    review = make_review(
        review_index,
        body=[
            intro(
                f'<p>See <a linktype="page" id="{linked_review.pk}">Arrival</a> and '
                f'<a linktype="document" id="{document.pk}">the notes</a>.</p>'
                f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Cover"/>'
            ),
            track("Sleepwalker"),
        ],
    )

    html = client.get(detail_url(review)).json()["body"][0]["value"]

    assert '<a href="http://localhost:8020/reviews/arrival/">Arrival</a>' in html
    assert f'<a href="http://127.0.0.1:8000/documents/{document.pk}/notes.pdf">' in html
    assert 'src="http://127.0.0.1:8000/media/images/' in html
    assert 'alt="Cover"' in html


def test_publishing_a_draft_keeps_the_first_publication_time_exact(review_index):
    review = make_review(review_index, title="Her")
    first_published_at = FilmReviewPage.objects.get(pk=review.pk).first_published_at
    assert first_published_at.microsecond % 1000  # a time a millisecond cannot hold

    draft = FilmReviewPage.objects.get(pk=review.pk)
    draft.teaser = "A draft teaser."
    draft.save_revision().publish()

    assert FilmReviewPage.objects.get(pk=review.pk).first_published_at == first_published_at
