"""The tags, films, composers and reviewers of the live, public reviews, with their
counts: searchable, ordered, paged, and cached exactly like pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import FilmFactory, ReviewerFactory, make_review

TAXONOMIES = ["tags", "films", "composers", "reviewers"]


def url(taxonomy):
    return reverse(f"taxonomies:{taxonomy}")


def items(client, taxonomy, **params):
    response = client.get(url(taxonomy), params)
    assert response.status_code == 200, response.json()
    return response.json()["items"]


def counts(client, taxonomy, key="name", **params):
    return {item[key]: item["review_count"] for item in items(client, taxonomy, **params)}


@pytest.fixture
def catalogue(review_index):
    her = FilmFactory(title="Her", release_year=2013, composers=["Arcade Fire", "Owen Pallett"])
    moon = FilmFactory(title="Moon", release_year=2009, composers=["Clint Mansell"])
    fountain = FilmFactory(title="The Fountain", release_year=2006, composers=["clint mansell"])
    ines, tomas = ReviewerFactory(name="Ines Okafor"), ReviewerFactory(name="Tomas Reyes")
    make_review(review_index, film=her, reviewer=ines, tags=["ambient", "warm"])
    make_review(review_index, film=her, reviewer=tomas, tags=["warm"])
    make_review(review_index, film=moon, reviewer=ines, tags=["lonely"])
    make_review(review_index, film=fountain, reviewer=ines, tags=["cosmic"])
    return {"her": her, "moon": moon, "fountain": fountain, "ines": ines, "tomas": tomas}


def test_each_taxonomy_counts_the_live_public_reviews(client, catalogue):
    assert counts(client, "tags") == {"ambient": 1, "cosmic": 1, "lonely": 1, "warm": 2}
    assert counts(client, "films", key="title") == {"Her": 2, "Moon": 1, "The Fountain": 1}
    assert counts(client, "composers") == {"Arcade Fire": 2, "Clint Mansell": 2, "Owen Pallett": 2}
    assert counts(client, "reviewers") == {"Ines Okafor": 3, "Tomas Reyes": 1}


def test_what_only_drafts_and_restricted_reviews_have_is_not_listed(
    client, catalogue, review_index
):
    secret = FilmFactory(title="Unannounced", composers=["Nobody Yet"])
    make_review(review_index, publish=False, film=secret, tags=["spoiler"])
    hidden = make_review(review_index, film=secret, reviewer=ReviewerFactory(name="Hidden"))
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")

    assert "spoiler" not in counts(client, "tags")
    assert "Unannounced" not in counts(client, "films", key="title")
    assert "Nobody Yet" not in counts(client, "composers")
    assert "Hidden" not in counts(client, "reviewers")


def test_films_carry_what_a_review_shows_of_its_film(client, catalogue):
    review = catalogue["moon"].reviews.get()
    nested = client.get(reverse("wagtailapi_v2:pages:detail", args=[review.pk])).json()["film"]

    [film] = items(client, "films", search="moon")

    assert film == {**nested, "review_count": 1}


def test_tags_and_composers_carry_what_their_filters_take(client, catalogue):
    [tag] = items(client, "tags", search="AMB")
    [composer] = items(client, "composers", search="pallett")

    assert tag == {"id": tag["id"], "name": "ambient", "slug": "ambient", "review_count": 1}
    assert composer == {"name": "Owen Pallett", "slug": "owen-pallett", "review_count": 2}
    listing = reverse("wagtailapi_v2:pages:listing")
    for name, item in [("tag", tag), ("composer", composer)]:
        response = client.get(listing, {"type": "content.FilmReviewPage", name: item["name"]})
        assert response.json()["meta"]["total_count"] == item["review_count"], name


def test_search_order_and_paging(client, catalogue):
    assert [item["title"] for item in items(client, "films", order="-title")] == [
        "The Fountain",
        "Moon",
        "Her",
    ]
    by_count = items(client, "reviewers", order="-review_count")
    assert [reviewer["name"] for reviewer in by_count] == ["Ines Okafor", "Tomas Reyes"]
    by_count = items(client, "tags", order="-review_count", limit=2)
    assert [tag["name"] for tag in by_count] == ["warm", "ambient"]
    page_two = client.get(url("tags"), {"limit": 2, "offset": 2}).json()
    assert page_two["meta"]["total_count"] == 4
    assert [tag["name"] for tag in page_two["items"]] == ["lonely", "warm"]


@pytest.mark.parametrize("taxonomy", TAXONOMIES)
@pytest.mark.parametrize(
    "query, message",
    [
        ("order=rating", "order must be one of"),
        ("limit=0", "limit must be from 1 to 100"),
        ("search=", "search is empty"),
        ("search=a&search=b", "search is given 2 times"),
        ("type=content.FilmReviewPage", "not an operation or a recognised field: type"),
    ],
)
def test_bad_parameters_get_a_400_with_a_message(client, catalogue, taxonomy, query, message):
    response = client.get(f"{url(taxonomy)}?{query}")

    assert response.status_code == 400
    assert message in response.json()["message"]


@pytest.mark.parametrize("taxonomy", TAXONOMIES)
def test_a_listing_costs_the_same_queries_however_long(client, review_index, taxonomy, settings):
    settings.API_CACHE_SECONDS = 0  # the queries of building the listing

    def queries(limit):
        client.get(url(taxonomy), {"limit": limit})  # makes the image renditions
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url(taxonomy), {"limit": limit})
        assert len(response.json()["items"]) == limit
        return len(captured)

    for number in range(6):
        film = FilmFactory(composers=[f"Composer {number}"])
        make_review(review_index, film=film, reviewer=ReviewerFactory(), tags=[f"t{number}"])

    assert queries(6) == queries(1)


def test_publishing_unpublishing_and_renaming_change_the_listings_at_once(
    client, catalogue, review_index
):
    assert counts(client, "tags")["warm"] == 2
    new = make_review(review_index, film=catalogue["moon"], tags=["warm"])
    assert counts(client, "tags")["warm"] == 3
    assert counts(client, "films", key="title")["Moon"] == 2

    new.unpublish()
    assert counts(client, "tags")["warm"] == 2
    catalogue["moon"].title = "Moon (2009)"
    catalogue["moon"].save()
    assert "Moon (2009)" in counts(client, "films", key="title")
    catalogue["ines"].name = "Inès Okafor"
    catalogue["ines"].save()
    assert "Inès Okafor" in counts(client, "reviewers")
    composer = catalogue["fountain"].composers.get()
    composer.name = "Another Composer"
    composer.save()
    assert counts(client, "composers")["Another Composer"] == 1


@pytest.mark.parametrize("taxonomy", TAXONOMIES)
def test_a_stored_listing_is_revalidated_with_its_etag(client, catalogue, taxonomy):
    first = client.get(url(taxonomy))

    again = client.get(url(taxonomy), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
