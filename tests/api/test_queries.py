"""Listings cost a constant number of queries, whatever their length, when they are built.

The response cache is off here: these tests count the queries of building a response.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    FilmFactory,
    ImageFactory,
    ReplyFactory,
    ReviewerFactory,
    conclusion,
    intro,
    make_review,
    track,
)


@pytest.fixture(autouse=True)
def response_cache_off(settings):
    settings.API_CACHE_SECONDS = 0


def add_full_reviews(review_index, count):
    for number in range(count):
        film = FilmFactory()
        film.cast.create(name=f"Actor {number}", character="Lead")
        review = make_review(
            review_index,
            film=film,
            reviewer=ReviewerFactory(),
            rating=Decimal("4.0"),
            tags=["ambient", f"tag-{number}"],
            hero_image=ImageFactory(),
            body=[intro(), track("One"), track("Two", artists=["Guest"]), conclusion()],
        )
        ReplyFactory.create_batch(2, page=review)  # counted in reply_count


def count_listing_queries(client, limit, **filters):
    params = {"type": "content.FilmReviewPage", "fields": "*", "limit": limit, **filters}
    client.get(reverse("wagtailapi_v2:pages:listing"), params)  # makes the image renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailapi_v2:pages:listing"), params)
    assert len(response.json()["items"]) == limit
    return len(queries)


def test_listing_20_reviews_runs_no_more_queries_than_listing_2(client, review_index):
    add_full_reviews(review_index, 20)

    assert count_listing_queries(client, 20) == count_listing_queries(client, 2)


@pytest.mark.usefixtures("run_tasks_immediately")  # searches the index that tasks write
@pytest.mark.parametrize(
    "filters",
    [
        {"composer": "arcade fire"},
        {"tag": "ambient"},
        {"rating_min": "3.5"},
        {"search": "commentary"},
        {"search": "One", "order": "-rating"},
        {"order": "title"},
    ],
)
def test_filtered_and_searched_listings_run_as_many_queries_for_20_as_for_2(
    client, review_index, filters
):
    add_full_reviews(review_index, 20)

    assert count_listing_queries(client, 20, **filters) == count_listing_queries(
        client, 2, **filters
    )
