"""Editing a film, a composer, a reviewer or a tag re-indexes the reviews that show it, as
the API's cache is refreshed: readers and editors find reviews by what they show now."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from content.models import FilmReviewPage
from content.tags import merge_tags
from tests.factories import FilmFactory, ReviewerFactory, make_review

# Wagtail writes the search index in tasks: these tests read it.
pytestmark = pytest.mark.usefixtures("run_tasks_immediately")

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


@pytest.fixture
def review(review_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_review(
            review_index,
            title="A night-time score",
            film=FilmFactory(title="Her", composers=["Owen Pallett"]),
            reviewer=ReviewerFactory(name="Ines Okafor"),
            tags=["melancholy"],
        )


def found(client, query):
    response = client.get(LISTING_URL, {"type": "content.FilmReviewPage", "search": query})
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what waits for the transaction to commit, as a request's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.parametrize("query", ["Okafor", "melancholy"])
def test_a_review_is_found_by_its_reviewer_and_tags(client, review, query):
    assert found(client, query) == ["A night-time score"]


def test_renaming_a_composer_reindexes_the_reviews_of_the_film(client, review, committed):
    composer = review.film.composers.get()
    with committed():
        composer.name = "Arcade Fire"
        composer.save()

    assert found(client, "Arcade") == ["A night-time score"]
    assert found(client, "Pallett") == []


def test_retitling_a_film_reindexes_its_reviews(client, review, committed):
    with committed():
        review.film.title = "Elle"
        review.film.save()

    assert found(client, "Elle") == ["A night-time score"]


def test_renaming_or_deleting_a_reviewer_reindexes_their_reviews(client, review, committed):
    reviewer = review.reviewer
    with committed():
        reviewer.name = "Tomás Reyes"
        reviewer.save()
    assert found(client, "Reyes") == ["A night-time score"]
    assert found(client, "Okafor") == []

    with committed():
        reviewer.delete()
    assert found(client, "Reyes") == []


def test_renaming_merging_and_deleting_tags_reindexes_their_reviews(client, review, committed):
    tag = Tag.objects.get(name="melancholy")
    with committed():
        tag.name = "wistful"
        tag.save()
    assert found(client, "wistful") == ["A night-time score"]
    assert found(client, "melancholy") == []

    with committed():
        merge_tags(tag, Tag.objects.create(name="bittersweet"))
    assert found(client, "bittersweet") == ["A night-time score"]
    assert found(client, "wistful") == []

    with committed():
        Tag.objects.get(name="bittersweet").delete()
    assert found(client, "bittersweet") == []
    assert FilmReviewPage.objects.get(pk=review.pk).live
