"""Each query parameter means one thing: lists are comma-separated, a parameter is given
once and with a value, and orderings and limits are those the OpenAPI document lists."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document

from tests.factories import FilmFactory, ImageFactory, ReviewerFactory, make_review

LISTING_URL = reverse("wagtailapi_v2:pages:listing")
REVIEWS = {"type": "content.FilmReviewPage"}


def titles(client, **params):
    response = client.get(LISTING_URL, {**REVIEWS, **params})
    assert response.status_code == 200, response.json()
    return sorted(item["title"] for item in response.json()["items"])


def error(client, query, url=LISTING_URL):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400, response.content
    return response.json()["message"]


@pytest.fixture
def reviews(review_index):
    her = FilmFactory(title="Her", composers=["Arcade Fire", "Owen Pallett"])
    arrival = FilmFactory(title="Arrival", composers=["Jóhann Jóhannsson"])
    moon = FilmFactory(title="Moon", composers=["Clint Mansell"])
    ines, tomas = ReviewerFactory(name="Ines"), ReviewerFactory(name="Tomas")
    make_review(review_index, title="Her", film=her, reviewer=ines, tags=["ambient", "warm"])
    make_review(review_index, title="Arrival", film=arrival, reviewer=tomas, tags=["eerie"])
    make_review(review_index, title="Moon", film=moon, reviewer=ines, tags=["lonely", "warm"])
    return {"her": her, "arrival": arrival, "moon": moon, "ines": ines, "tomas": tomas}


def test_film_and_reviewer_take_a_list_of_ids_any_of_which_matches(client, reviews):
    films = f"{reviews['her'].pk},{reviews['moon'].pk}"

    assert titles(client, film=films) == ["Her", "Moon"]
    assert titles(client, reviewer=f"{reviews['tomas'].pk}") == ["Arrival"]
    assert titles(client, reviewer=f"{reviews['tomas'].pk}, {reviews['ines'].pk}") == [
        "Arrival",
        "Her",
        "Moon",
    ]


def test_composer_takes_a_list_any_of_which_matches_in_any_case(client, reviews):
    assert titles(client, composer="clint mansell,OWEN PALLETT") == ["Her", "Moon"]


def test_tag_needs_every_tag_and_tag_any_needs_one(client, reviews):
    assert titles(client, tag="warm,lonely") == ["Moon"]
    assert titles(client, tag_any="eerie,LONELY") == ["Arrival", "Moon"]
    assert titles(client, tag="warm", tag_any="ambient,eerie") == ["Her"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("tag=", "tag is empty"),
        ("composer=", "composer is empty"),
        ("composer=%20", "composer is empty"),
        ("film=", "film is empty"),
        ("search=", "search is empty"),
        ("order=", "order is empty"),
        ("tag=warm,,lonely", "tag has an empty item"),
        ("tag_any=warm,", "tag_any has an empty item"),
        ("film=1,her", "film takes ids (whole numbers), comma-separated"),
        ("film=1,-2", "film takes ids (whole numbers), comma-separated"),
    ],
)
def test_an_empty_value_or_item_is_refused(client, reviews, query, message):
    assert message in error(client, f"type=content.FilmReviewPage&{query}")


@pytest.mark.parametrize(
    "query, name",
    [
        ("tag=warm&tag=lonely", "tag"),
        ("type=content.FilmReviewPage&type=home.HomePage", "type"),
        ("limit=5&limit=10", "limit"),
        ("fields=title&fields=film", "fields"),
    ],
)
def test_a_parameter_given_twice_is_refused_rather_than_one_value_winning(
    client, reviews, query, name
):
    message = error(
        client,
        f"type=content.FilmReviewPage&{query}".replace(
            "type=content.FilmReviewPage&type=", "type="
        ),
    )

    assert message == f"{name} is given 2 times: give it once (a list is comma-separated)"


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_every_endpoint_refuses_a_parameter_given_twice(client, db, endpoint):
    url = reverse(f"wagtailapi_v2:{endpoint}:listing")

    assert "offset is given 2 times" in error(client, "offset=1&offset=2", url)


def test_a_limit_of_zero_is_refused_as_the_schema_says(client, reviews):
    assert error(client, "limit=0") == "limit must be from 1 to 100"


@pytest.mark.parametrize("order", ["slug,title", "title,-id", "film", "-reviewer", "tags"])
def test_an_ordering_that_is_not_listed_is_refused(client, reviews, order):
    assert error(client, f"type=content.FilmReviewPage&order={order}").startswith(
        "order must be one of id, title, teaser, rating, replies_open, slug,"
    )


def test_orderings_break_ties_by_id(client, review_index):
    film = FilmFactory()
    for _ in range(3):
        make_review(review_index, title="Same", film=film, rating=Decimal("4.0"))

    for order, ids_order in [("rating", 1), ("-rating", -1), ("title", 1), ("-title", -1)]:
        response = client.get(LISTING_URL, {**REVIEWS, "order": order})
        ids = [item["id"] for item in response.json()["items"]]
        assert ids == sorted(ids)[::ids_order], order


def test_every_page_carries_when_it_was_last_published(client, reviews):
    review = reviews["her"].reviews.get()
    listing = client.get(LISTING_URL, {**REVIEWS, "film": reviews["her"].pk}).json()
    detail = client.get(reverse("wagtailapi_v2:pages:detail", args=[review.pk])).json()

    expected = review.last_published_at.isoformat().replace("+00:00", "Z")
    assert listing["items"][0]["meta"]["last_published_at"] == expected
    assert detail["meta"]["last_published_at"] == expected


def test_updated_since_and_order_by_last_published_at(client, reviews):
    moon = reviews["moon"].reviews.get()
    moon.save_revision().publish()
    moon.refresh_from_db()

    since = moon.last_published_at.isoformat()
    assert titles(client, updated_since=since) == ["Moon"]
    response = client.get(LISTING_URL, {**REVIEWS, "order": "-last_published_at"})
    assert response.json()["items"][0]["title"] == "Moon"
    day_before = (moon.last_published_at - datetime.timedelta(days=1)).date().isoformat()
    assert titles(client, updated_since=day_before) == ["Arrival", "Her", "Moon"]
    later = (timezone.now() + datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
    assert titles(client, updated_since=later) == []


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "2026-11-30T25:00:00Z", "9999"])
def test_updated_since_that_is_not_a_time_is_refused(client, reviews, value):
    assert error(client, f"updated_since={value}").startswith(
        "updated_since must be a time in ISO 8601"
    )


@pytest.mark.parametrize(
    "fields, film",
    [
        ("film(title,composers)", {"id": None, "title": "Her", "composers": ["Arcade Fire"]}),
        ("film(_,title)", {"title": "Her"}),
        ("film(*,-cast,-poster,-external_ids,-directors)", {"id": None, "title": "Her",
         "release_year": 2013, "composers": ["Arcade Fire"]}),
    ],
)  # fmt: skip
def test_fields_selects_within_a_nested_film(client, review_index, fields, film):
    her = FilmFactory(title="Her", release_year=2013, composers=["Arcade Fire"])
    make_review(review_index, film=her)
    film = {name: her.pk if name == "id" else value for name, value in film.items()}

    response = client.get(LISTING_URL, {**REVIEWS, "fields": f"_,{fields}"})

    assert response.status_code == 200, response.json()
    [item] = response.json()["items"]
    assert item == {"id": item["id"], "meta": {"type": "content.FilmReviewPage"}, "film": film}


def test_fields_selects_within_the_reviewer_and_the_hero_image(client, reviews):
    response = client.get(LISTING_URL, {**REVIEWS, "fields": "_,reviewer(name),hero_image(title)"})

    item = response.json()["items"][0]
    assert item["reviewer"] == {"id": reviews["ines"].pk, "name": "Ines"}
    assert item["hero_image"] is None  # no hero image: null, as without a selection


@pytest.mark.parametrize(
    "fields, message",
    [
        ("film(nonsense)", "unknown fields of film: nonsense"),
        ("film(cast(name))", "'film(cast)' does not support nested fields"),
        ("-id", "fields cannot leave out id: every item has it"),
        ("-type", "fields cannot leave out type: every item has it"),
        ("a(" * 5 + "b" + ")" * 5, "fields nests at most 4 levels deep"),
        ("a(" * 1000 + "b", "fields nests at most 4 levels deep"),
    ],
)
def test_a_selection_that_cannot_be_made_is_refused(client, reviews, fields, message):
    assert error(client, f"type=content.FilmReviewPage&fields={fields}") == message


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_every_item_keeps_its_id_and_type_whatever_fields_says(client, reviews, endpoint):
    ImageFactory()
    Document.objects.create(title="Notes", file=ContentFile(b"notes", name="notes.txt"))
    response = client.get(reverse(f"wagtailapi_v2:{endpoint}:listing"), {"fields": "_"})

    for item in response.json()["items"]:
        assert set(item) == {"id", "meta"} and set(item["meta"]) == {"type"}
    assert response.json()["items"]


def test_a_nested_selection_left_out_again_is_left_out(client, reviews):
    response = client.get(LISTING_URL, {**REVIEWS, "fields": "film(title),-film"})

    assert response.status_code == 200
    assert "film" not in response.json()["items"][0]
