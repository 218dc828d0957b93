"""A film, reviewer or image that a review's live version or current draft uses cannot be
deleted; a version whose film, reviewer or image is gone still opens."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model

from content.models import FilmReviewPage
from content.snippets import Film, Reviewer
from tests.factories import FilmFactory, ImageFactory, ReviewerFactory, make_review

# Wagtail writes the reference index in tasks: these tests read it.
pytestmark = pytest.mark.usefixtures("run_tasks_immediately")


@pytest.fixture
def review(review_index):
    return FilmReviewPage.objects.get(pk=make_review(review_index, title="Her, again").pk)


@pytest.fixture
def draft_uses(review):
    """A film, a reviewer and an image that only the review's newer draft points at."""
    used = {
        "film": FilmFactory(title="Arrival"),
        "reviewer": ReviewerFactory(),
        "hero_image": ImageFactory(),
    }
    for name, obj in used.items():
        setattr(review, name, obj)
    review.save_revision()
    return used


DELETE_URLS = {
    "film": lambda obj: reverse("wagtailsnippets_content_film:delete", args=[obj.pk]),
    "reviewer": lambda obj: reverse("wagtailsnippets_content_reviewer:delete", args=[obj.pk]),
    "hero_image": lambda obj: reverse("wagtailimages:delete", args=[obj.pk]),
}


@pytest.mark.parametrize("field", DELETE_URLS)
def test_what_only_a_draft_uses_cannot_be_deleted_and_the_review_is_named(
    admin_client, review, draft_uses, field
):
    obj = draft_uses[field]
    url = DELETE_URLS[field](obj)

    for response in (admin_client.get(url, follow=True), admin_client.post(url, follow=True)):
        assert response.status_code == 200
        message = str(list(response.context["messages"])[-1])
        assert "cannot be deleted" in message
        assert "Her, again" in message and "(draft)" in message
        assert reverse("wagtailadmin_pages:edit", args=[review.pk]) in message
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("field", DELETE_URLS)
def test_what_a_live_review_uses_cannot_be_deleted(admin_client, review, field):
    obj = {"film": review.film, "reviewer": ReviewerFactory(), "hero_image": ImageFactory()}[field]
    setattr(review, field, obj)
    review.save_revision().publish()

    admin_client.post(DELETE_URLS[field](obj))

    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_bulk_deletes_are_refused_too(admin_client, review, draft_uses):
    image = draft_uses["hero_image"]
    film = draft_uses["film"]
    admin_client.post(
        reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])
        + f"?id={image.pk}"
    )
    admin_client.post(
        reverse("wagtail_bulk_action", args=["content", "film", "delete"]) + f"?id={film.pk}"
    )

    assert get_image_model().objects.filter(pk=image.pk).exists()
    assert Film.objects.filter(pk=film.pk).exists()


def test_what_no_review_uses_can_be_deleted(admin_client, review):
    film, reviewer, image = FilmFactory(title="Unused"), ReviewerFactory(), ImageFactory()

    for field, obj in (("film", film), ("reviewer", reviewer), ("hero_image", image)):
        response = admin_client.post(DELETE_URLS[field](obj))
        assert response.status_code == 302

    assert not Film.objects.filter(pk=film.pk).exists()
    assert not Reviewer.objects.filter(pk=reviewer.pk).exists()
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def test_a_version_whose_film_reviewer_and_image_are_gone_still_opens(
    admin_client, review, draft_uses
):
    revision = review.latest_revision
    # Deleted by code, or before this check existed.
    for obj in draft_uses.values():
        obj.delete()

    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
    compare = admin_client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[review.pk, "live", revision.pk])
    )
    preview = admin_client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[review.pk, revision.pk])
    )

    assert edit.status_code == 200
    assert compare.status_code == 200
    assert preview.status_code == 302
    for label in ("film", "reviewer", "hero image"):
        assert f"The {label} this version had has been deleted since" in edit.content.decode()


def test_what_an_unpublished_reviews_draft_uses_cannot_be_deleted(admin_client, review):
    film = FilmFactory(title="Drafted")
    review.unpublish()
    review = FilmReviewPage.objects.get(pk=review.pk)
    review.film = film
    review.save_revision()

    admin_client.post(DELETE_URLS["film"](film))

    assert Film.objects.filter(pk=film.pk).exists()


def test_what_a_revision_scheduled_to_go_live_uses_cannot_be_deleted(admin_client, review):
    film, first_film = FilmFactory(title="Scheduled"), review.film
    review.film = film
    review.go_live_at = timezone.now() + timedelta(days=1)
    review.save_revision().publish()
    # A newer draft goes back to the first film; the scheduled revision still goes live.
    review = FilmReviewPage.objects.get(pk=review.pk)
    review.film = first_film
    review.save_revision()

    admin_client.post(DELETE_URLS["film"](film))

    assert Film.objects.filter(pk=film.pk).exists()
