from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.documents.models import Document

from tests.factories import (
    FilmFactory,
    ImageFactory,
    ReviewerFactory,
    conclusion,
    intro,
    make_review,
    png_file,
    track,
)

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


def detail_url(page):
    return reverse("wagtailapi_v2:pages:detail", args=[page.pk])


def list_reviews(client, **params):
    response = client.get(LISTING_URL, {"type": "content.FilmReviewPage", **params})
    assert response.status_code == 200, response.json()
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def her_review(review_index):
    film = FilmFactory(
        title="Her",
        release_year=2013,
        imdb_id="tt1798709",
        composers=["Arcade Fire", "Owen Pallett"],
        directors=["Spike Jonze"],
    )
    film.cast.create(name="Joaquin Phoenix", character="Theodore Twombly")
    film.save()
    return make_review(
        review_index,
        title="Her",
        slug="her",
        film=film,
        reviewer=ReviewerFactory(name="Ines Okafor"),
        rating=Decimal("4.5"),
        tags=["bittersweet", "ambient"],
        hero_image=ImageFactory(file=png_file(size=(2000, 1200))),
        album_title="Her (Original Score)",
        album_label="Mercury",
        album_release_year=2021,
        body=[
            intro("<p>Woven into the film.</p>"),
            track("Sleepwalker", track_number=1, duration="3:34"),
            track("Photograph", scene="A memory of Catherine", quote="A pause."),
            conclusion("<p>Bittersweet.</p>", verdict="Hopeful."),
        ],
    )


def test_review_detail_has_the_documented_shape(client, her_review):
    data = client.get(detail_url(her_review)).json()

    assert data["meta"]["type"] == "content.FilmReviewPage"
    assert data["meta"]["html_url"] == "http://localhost:8020/reviews/her/"
    assert data["title"] == "Her"
    assert data["film"]["title"] == "Her"
    assert data["film"]["release_year"] == 2013
    assert data["film"]["directors"] == ["Spike Jonze"]
    assert data["film"]["composers"] == ["Arcade Fire", "Owen Pallett"]
    assert data["film"]["cast"] == [{"name": "Joaquin Phoenix", "character": "Theodore Twombly"}]
    assert data["film"]["external_ids"] == {"imdb": "tt1798709", "tmdb": None, "musicbrainz": None}
    assert data["reviewer"]["name"] == "Ines Okafor"
    assert data["rating"] == 4.5
    assert data["tags"] == ["ambient", "bittersweet"]
    assert data["teaser"] == "A short teaser."
    assert data["soundtrack"] == {
        "album_title": "Her (Original Score)",
        "label": "Mercury",
        "release_year": 2021,
    }
    assert data["reading_time_minutes"] == 1


def test_hero_image_comes_as_absolute_rendition_urls_in_several_sizes(client, her_review):
    data = client.get(detail_url(her_review)).json()

    assert data["hero_image"]["id"] == her_review.hero_image_id
    sizes = {
        name: (data[name]["width"], data[name]["height"])
        for name in ["hero_image_wide", "hero_image_card", "hero_image_thumbnail"]
    }
    assert sizes == {
        "hero_image_wide": (1600, 900),
        "hero_image_card": (800, 450),
        "hero_image_thumbnail": (400, 225),
    }
    assert data["hero_image_wide"]["url"].startswith("http://127.0.0.1:8000/media/images/")
    assert data["film"]["poster"]["url"].startswith("http://127.0.0.1:8000/media/images/")
    assert data["reviewer"]["photo"]["url"].startswith("http://127.0.0.1:8000/media/images/")


def test_body_blocks_serialise_as_type_id_value_in_order(client, her_review):
    body = client.get(detail_url(her_review)).json()["body"]

    assert [block["type"] for block in body] == [
        "intro",
        "track_commentary",
        "track_commentary",
        "conclusion",
    ]
    assert all(set(block) == {"type", "id", "value"} for block in body)
    assert body[0]["value"] == "<p>Woven into the film.</p>"
    assert body[1]["value"] == {
        "track_title": "Sleepwalker",
        "track_number": 1,
        "artists": [],
        "duration": "3:34",
        "duration_seconds": 214,
        "scene": None,
        "commentary": "<p>Some commentary.</p>",
        "quote": None,
        "listening_link": None,
    }
    assert body[2]["value"]["scene"] == "A memory of Catherine"
    assert body[3]["value"] == {"text": "<p>Bittersweet.</p>", "verdict": "Hopeful."}


def test_tracklist_lists_track_titles_with_their_block_ids(client, her_review):
    data = client.get(detail_url(her_review)).json()

    assert data["tracklist"] == [
        {"id": data["body"][1]["id"], "track_number": 1, "title": "Sleepwalker"},
        {"id": data["body"][2]["id"], "track_number": None, "title": "Photograph"},
    ]


def test_rich_text_format_parameter_still_chooses_the_format(client, review_index):
    linked_review = make_review(review_index, title="Arrival", slug="arrival")
    review = make_review(
        review_index,
        body=[intro(f'<p><a linktype="page" id="{linked_review.pk}">Arrival</a></p>'), track("A")],
    )

    response = client.get(detail_url(review), {"rich_text_format": "db_html"})

    assert response.json()["body"][0]["value"] == (
        f'<p><a linktype="page" id="{linked_review.pk}">Arrival</a></p>'
    )
    markdown = client.get(detail_url(review), {"rich_text_format": "markdown"}).json()
    assert (
        markdown["body"][0]["value"].strip() == "[Arrival](http://localhost:8020/reviews/arrival/)"
    )


def test_find_by_html_path_redirects_to_the_review(client, her_review):
    response = client.get(
        reverse("wagtailapi_v2:pages:find"), {"html_path": "/reviews/her/"}, follow=True
    )

    assert response.status_code == 200
    assert response.json()["id"] == her_review.pk


def test_images_and_documents_endpoints_list_media(client, her_review):
    Document.objects.create(title="Liner notes", file=png_file("notes.pdf"))

    images = client.get(reverse("wagtailapi_v2:images:listing")).json()
    documents = client.get(reverse("wagtailapi_v2:documents:listing")).json()

    assert her_review.hero_image_id in [item["id"] for item in images["items"]]
    assert [item["title"] for item in documents["items"]] == ["Liner notes"]


class TestListingFilters:
    @pytest.fixture(autouse=True)
    def reviews(self, review_index, run_tasks_immediately):  # searches read what tasks index
        her = FilmFactory(title="Her", composers=["Arcade Fire", "Owen Pallett"])
        arrival = FilmFactory(title="Arrival", composers=["Jóhann Jóhannsson"])
        make_review(
            review_index,
            title="Her, warmly",
            film=her,
            rating=Decimal("4.5"),
            tags=["Bittersweet", "ambient"],
            body=[intro(), track("Photograph"), conclusion()],
        )
        make_review(
            review_index,
            title="Her, coolly",
            film=her,
            rating=Decimal("3.0"),
            tags=["ambient"],
        )
        make_review(
            review_index,
            title="Arrival",
            film=arrival,
            tags=["eerie"],
            body=[intro(), track("Heptapod B"), conclusion()],
        )
        self.her, self.arrival = her, arrival

    def test_film_filter_takes_a_film_id(self, client):
        assert list_reviews(client, film=self.arrival.pk) == ["Arrival"]

    def test_composer_filter_ignores_case(self, client):
        assert list_reviews(client, composer="owen pallett") == ["Her, warmly", "Her, coolly"]

    def test_tag_filter_needs_every_tag_given(self, client):
        assert list_reviews(client, tag="ambient") == ["Her, warmly", "Her, coolly"]
        assert list_reviews(client, tag="bittersweet,ambient") == ["Her, warmly"]
        assert list_reviews(client, tag="Ambient, ambient, BITTERSWEET") == ["Her, warmly"]

    def test_rating_filter_takes_the_rating_however_it_is_written(self, client):
        assert list_reviews(client, rating="4.50") == list_reviews(client, rating="4.5")
        assert list_reviews(client, rating="4.50") == ["Her, warmly"]

    def test_a_rating_min_finer_than_a_rating_means_the_same_rounded_up(self, client):
        assert list_reviews(client, rating_min="1e-999999") == ["Her, warmly", "Her, coolly"]
        assert list_reviews(client, rating_min="3.01") == ["Her, warmly"]

    def test_rating_min_filter_leaves_out_lower_and_unrated_reviews(self, client):
        assert list_reviews(client, rating_min="4") == ["Her, warmly"]

    def test_search_finds_track_titles_and_composers(self, client):
        assert list_reviews(client, search="Heptapod") == ["Arrival"]
        assert list_reviews(client, search="Jóhannsson") == ["Arrival"]

    def test_search_combines_with_review_filters(self, client):
        assert list_reviews(client, search="Photograph", composer="Arcade Fire") == ["Her, warmly"]

    def test_order_by_rating_puts_unrated_reviews_last_both_ways(self, client):
        assert list_reviews(client, order="-rating") == ["Her, warmly", "Her, coolly", "Arrival"]
        assert list_reviews(client, order="rating") == ["Her, coolly", "Her, warmly", "Arrival"]

    def test_search_results_ordered_by_rating_put_unrated_reviews_last(self, client):
        assert list_reviews(client, search="teaser", order="-rating") == [
            "Her, warmly",
            "Her, coolly",
            "Arrival",
        ]
        assert list_reviews(client, search="teaser", order="rating") == [
            "Her, coolly",
            "Her, warmly",
            "Arrival",
        ]

    def test_order_by_title_and_first_published_date(self, client):
        assert list_reviews(client, order="title") == ["Arrival", "Her, coolly", "Her, warmly"]
        assert list_reviews(client, order="-first_published_at") == [
            "Arrival",
            "Her, coolly",
            "Her, warmly",
        ]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"composer": "Arcade Fire"}, "composer can only be used with type=content.FilmReviewPage"),
        ({"type": "content.FilmReviewPage", "rating_min": "five"}, "rating_min must be a number"),
        ({"type": "content.FilmReviewPage", "rating_min": "7"}, "rating_min must be a number"),
        ({"type": "content.FilmReviewPage", "rating_min": "NaN"}, "rating_min must be a number"),
        ({"type": "content.FilmReviewPage", "film": "her"}, "film takes ids (whole numbers)"),
        ({"type": "content.FilmReviewPage", "film": "9" * 30}, "film is out of range"),
        ({"type": "content.FilmReviewPage", "id": "-" + "9" * 20}, "id is out of range"),
        ({"id": "9" * 20}, "id is out of range"),
        ({"type": "content.FilmReviewPage", "rating": "high"}, "invalid filter value"),
        ({"type": "content.FilmReviewPage", "first_published_at": "May"}, "invalid filter value"),
        ({"type": "content.FilmReviewPage", "order": "-teaser_length"}, "order must be one of"),
        ({"type": "content.Nope"}, "type doesn't exist"),
        ({"popularity": "high"}, "not an operation or a recognised field: popularity"),
        ({"rich_text_format": "pdf"}, "rich_text_format must be one of"),
        ({"limit": "-1"}, "limit must be from 1 to 100"),
        ({"fields": "film(title"}, "fields error"),
        ({"offset": "9" * 25}, "offset is out of range"),
        ({"search": "her\x00"}, "query parameters cannot contain null characters"),
        ({"type": "content.FilmReviewPage", "tag": "\x00"}, "cannot contain null characters"),
        (
            {"type": "content.FilmReviewPage", "tag": ",".join(f"t{n}" for n in range(21))},
            "tag takes at most 20 items",
        ),
        # Tags filter through ?tag= only; a body is no value to compare with.
        ({"type": "content.FilmReviewPage", "tags": "ambient"}, "recognised field: tags"),
        ({"type": "content.FilmReviewPage", "order": "tags"}, "order must be one of"),
        ({"type": "content.FilmReviewPage", "body": "[]"}, "recognised field: body"),
        ({"type": "content.FilmReviewPage", "order": "-body"}, "order must be one of"),
    ],
)
def test_bad_query_parameters_get_a_400_with_a_message(client, her_review, params, message):
    response = client.get(LISTING_URL, params)

    assert response.status_code == 400
    assert message in response.json()["message"]


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize(
    "params, message",
    [
        ({"offset": "9" * 25}, "offset is out of range"),
        ({"search": "\x00"}, "query parameters cannot contain null characters"),
        ({"id": "9" * 25}, "id is out of range"),
        ({"tags": "poster"}, "recognised field: tags"),
    ],
)
def test_media_endpoints_refuse_bad_parameters_too(client, db, endpoint, params, message):
    response = client.get(reverse(f"wagtailapi_v2:{endpoint}:listing"), params)

    assert response.status_code == 400
    assert message in response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_find_by_a_malformed_id_gets_a_400(client, db, endpoint):
    response = client.get(reverse(f"wagtailapi_v2:{endpoint}:find"), {"id": "her"})

    assert response.status_code == 400
    assert response.json() == {"message": "id must be a whole number"}


def test_unknown_page_gets_a_404_with_a_message(client, db):
    response = client.get(reverse("wagtailapi_v2:pages:detail", args=[999999]))

    assert response.status_code == 404
    assert response.json() == {"message": "No Page matches the given query."}


def test_every_page_address_points_at_the_frontend(client, her_review):
    untyped = client.get(reverse("wagtailapi_v2:pages:listing"), {"fields": "html_url"}).json()
    detail = client.get(reverse("wagtailapi_v2:pages:detail", args=[her_review.pk])).json()

    assert sorted(item["meta"]["html_url"] for item in untyped["items"]) == [
        "http://localhost:8020/",
        "http://localhost:8020/reviews/",
        f"http://localhost:8020/reviews/{her_review.slug}/",
    ]
    assert detail["meta"]["parent"]["meta"]["html_url"] == "http://localhost:8020/reviews/"
