"""Editors find reviews in the admin by what readers find them by in the API."""

import pytest
from django.urls import reverse

from tests.factories import FilmFactory, ReviewerFactory, intro, make_review, track

# Wagtail writes the search index in tasks: these tests read it.
pytestmark = pytest.mark.usefixtures("run_tasks_immediately")

TITLE = "A night-time score"


@pytest.fixture
def review(review_index):
    return make_review(
        review_index,
        title=TITLE,
        film=FilmFactory(title="Arrival", composers=["Jóhann Jóhannsson"]),
        reviewer=ReviewerFactory(name="Ines Okafor"),
        tags=["melancholy"],
        teaser="Strings that breathe.",
        body=[intro("<p>Opening words.</p>"), track("Heptapod B", "<p>Voices collapse.</p>")],
    )


@pytest.mark.parametrize(
    "query",
    [
        "night-time",
        "Arrival",
        "Jóhannsson",
        "Okafor",
        "melancholy",
        "breathe",
        "Heptapod",
        "collapse",
    ],
)
@pytest.mark.parametrize("view", ["wagtailadmin_pages:search", "film_reviews:index"])
def test_the_admin_finds_a_review_by_what_readers_find_it_by(admin_client, review, view, query):
    api = admin_client.get(
        reverse("wagtailapi_v2:pages:listing"), {"type": "content.FilmReviewPage", "search": query}
    )
    admin = admin_client.get(reverse(view), {"q": query})

    assert [item["title"] for item in api.json()["items"]] == [TITLE]
    assert TITLE in admin.content.decode()


def test_the_admin_search_still_leaves_out_what_does_not_match(admin_client, review):
    response = admin_client.get(reverse("film_reviews:index"), {"q": "Interstellar"})

    assert TITLE not in response.content.decode()
