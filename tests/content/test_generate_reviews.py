"""generate_reviews fills the site with synthetic reviews for benchmarks."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Page

from content.models import FilmReviewPage

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


def generate(count, *args):
    call_command("generate_reviews", count, *args, stdout=StringIO(), stderr=StringIO())


def test_generated_reviews_are_live_well_formed_and_served(client, review_index):
    generate(30)

    reviews = FilmReviewPage.objects.child_of(review_index)
    assert reviews.count() == 30
    assert Page.find_problems() == ([], [], [], [], [])
    for review in reviews:
        kinds = [block.block_type for block in review.body]
        assert kinds[0] == "intro" and kinds[-1] == "conclusion"
        assert 4 <= kinds.count("track_commentary") <= 12
        review.body.stream_block.clean(review.body)
    listing = client.get(LISTING_URL, {"type": "content.FilmReviewPage", "fields": "*"}).json()
    assert listing["meta"]["total_count"] == 30
    assert all(item["film"]["composers"] and item["tags"] for item in listing["items"])
    detail = client.get(reverse("wagtailapi_v2:pages:detail", args=[reviews.first().pk]))
    assert detail.status_code == 200


def test_generated_reviews_join_listings_already_cached(client, review_index):
    assert client.get(LISTING_URL).json()["meta"]["total_count"] == 2

    generate(5)

    assert client.get(LISTING_URL).json()["meta"]["total_count"] == 7


def test_generated_reviews_are_searchable(client, review_index):
    generate(10)
    film = FilmReviewPage.objects.first().film
    words = " ".join(film.title.split()[:2])  # e.g. "Velvet Echo", before the run number

    found = client.get(LISTING_URL, {"type": "content.FilmReviewPage", "search": words})

    assert found.json()["meta"]["total_count"] >= 1


def test_runs_add_to_what_is_there_in_batches(review_index):
    generate(5, "--batch-size=2")
    generate(5, "--seed=1")

    assert FilmReviewPage.objects.child_of(review_index).count() == 10
    review_index.refresh_from_db()
    assert review_index.numchild == 10
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.parametrize("args", [(0,), (5, "--batch-size=0")])
def test_refuses_counts_below_one(review_index, args):
    with pytest.raises(CommandError, match="above zero"):
        generate(*args)


def test_needs_a_review_index(db):
    with pytest.raises(CommandError, match="load_demo"):
        generate(5)
