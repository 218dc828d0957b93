"""Search: what a review is found by, bulk indexing, and the checks a search's input passes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from content.models import FilmReviewPage
from search.indexing import followed_relations, index_objects
from search.queries import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS
from tests.factories import FilmFactory, conclusion, intro, make_review, track

# Wagtail writes the search index in tasks: these tests read it.
pytestmark = pytest.mark.usefixtures("run_tasks_immediately")

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


def search_titles(query):
    return [page.title for page in FilmReviewPage.objects.live().search(query)]


@pytest.fixture
def review(review_index):
    return make_review(
        review_index,
        title="A night-time score",
        film=FilmFactory(title="Her", composers=["Owen Pallett"]),
        body=[
            intro("<p>Opening words.</p>"),
            track("Loneliness #3 (Night Talking)", "<p>The notes collapse at the end.</p>"),
            conclusion(),
        ],
    )


@pytest.mark.parametrize("query", ["night-time", "Her", "Pallett", "Loneliness", "collapse"])
def test_search_indexes_title_film_composers_track_titles_and_commentary(review, query):
    assert search_titles(query) == ["A night-time score"]


def test_bulk_indexing_follows_the_relations_the_search_fields_name():
    assert list(followed_relations(FilmReviewPage.get_search_fields())) == [
        "film",
        "film__composers",
        "reviewer",
        "tags",
    ]


def test_bulk_indexing_makes_reviews_findable_by_what_their_relations_hold(review):
    get_search_backend().delete(review)
    assert search_titles("Pallett") == []

    index_objects(FilmReviewPage, [review.pk])

    assert search_titles("Pallett") == ["A night-time score"]


def loading_queries(review_index, count):
    """The queries that bulk indexing of ``count`` reviews runs to load them."""
    films = [FilmFactory(composers=["A", "B"]) for _ in range(count)]
    ids = [make_review(review_index, film=film).pk for film in films]
    with CaptureQueriesContext(connection) as queries:
        index_objects(FilmReviewPage, ids)
    return [query for query in queries if "wagtailsearch" not in query["sql"]]


def test_bulk_indexing_loads_reviews_and_what_they_follow_in_a_query_each(review_index):
    """The reviews, then a query per relation they follow, for any number of reviews."""
    relations = list(followed_relations(FilmReviewPage.get_search_fields()))
    many, few = loading_queries(review_index, 8), loading_queries(review_index, 2)
    assert len(many) == len(few) <= 1 + len(relations)


@pytest.mark.parametrize("operator", ["xor", "AND", "&"])
def test_a_search_operator_other_than_and_or_gets_a_400(client, review, operator):
    response = client.get(LISTING_URL, {"search": "Her", "search_operator": operator})

    assert response.status_code == 400
    assert response.json() == {"message": "search_operator must be 'and' or 'or'"}


def test_a_search_combines_with_filters_on_related_objects(client, review, review_index):
    make_review(review_index, title="Another night", film=FilmFactory(composers=["Mica Levi"]))
    params = {"type": "content.FilmReviewPage", "search": "night", "composer": "owen pallett"}

    titles = [item["title"] for item in client.get(LISTING_URL, params).json()["items"]]

    assert titles == ["A night-time score"]


@pytest.mark.parametrize("search", ['"night-time"', '"night-time', 'night-time"'])
def test_double_quotes_in_a_search_are_read_as_spaces(client, review, search):
    response = client.get(LISTING_URL, {"search": search})

    assert [item["title"] for item in response.json()["items"]] == ["A night-time score"]


@pytest.mark.parametrize("search", ['"', '" "'])
def test_a_search_of_no_words_finds_nothing(client, review, search):
    response = client.get(LISTING_URL, {"search": search})

    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("search", ["", " ", "\t\n"])
def test_an_empty_search_is_refused_as_every_empty_value_is(client, review, search):
    response = client.get(LISTING_URL, {"search": search})

    assert response.status_code == 400
    assert response.json() == {"message": "search is empty: give it a value, or leave it out"}


def test_a_search_of_too_many_words_or_characters_gets_a_400(client, review):
    words = client.get(LISTING_URL, {"search": "night " * (MAX_SEARCH_WORDS + 1)})
    characters = client.get(LISTING_URL, {"search": "n" * (MAX_SEARCH_LENGTH + 1)})

    assert words.status_code == characters.status_code == 400
    assert words.json() == {"message": f"search takes at most {MAX_SEARCH_WORDS} words"}
    assert characters.json() == {"message": f"search takes at most {MAX_SEARCH_LENGTH} characters"}
    assert client.get(LISTING_URL, {"search": "night " * MAX_SEARCH_WORDS}).status_code == 200


def test_a_search_on_a_detail_or_find_address_changes_nothing(client, review):
    detail_url = reverse("wagtailapi_v2:pages:detail", args=[review.pk])

    searched = client.get(detail_url, {"search": "nothing like it"})
    found = client.get(
        reverse("wagtailapi_v2:pages:find"),
        {"html_path": "/reviews/a-night-time-score/", "search": "x"},
        follow=True,
    )

    assert searched.json() == client.get(detail_url).json()
    assert found.json()["id"] == review.pk
