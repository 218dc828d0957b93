"""Cached API responses: served again while true, rebuilt the moment what they show changes."""

import math
import time
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import RichText

from api.cache import store
from api.models import ApiCacheTag
from content.models import FilmReviewPage
from content.snippets import FilmComposer
from tests.factories import FilmFactory, ImageFactory, ReviewerFactory, make_review

LISTING_URL = reverse("wagtailapi_v2:pages:listing")
REVIEWS = {"type": "content.FilmReviewPage", "fields": "*"}


def detail_url(page):
    return reverse("wagtailapi_v2:pages:detail", args=[page.pk])


@pytest.fixture
def review(review_index):
    film = FilmFactory(title="Her", composers=["Arcade Fire"])
    return make_review(
        review_index,
        title="Her",
        film=film,
        reviewer=ReviewerFactory(name="Mara Lindqvist"),
        hero_image=ImageFactory(title="Theodore at the window"),
    )


@pytest.fixture
def other_review(review_index):
    return make_review(review_index, title="Arrival", film=FilmFactory(title="Arrival"))


@pytest.fixture
def assert_cached(client, django_assert_max_num_queries):
    """GETs the URL and checks that its response came from the cache, not rebuilt: one
    query to check it, or two when something it does not show changed meanwhile."""

    def get(url, params=None):
        with django_assert_max_num_queries(2):
            response = client.get(url, params)
        assert response.status_code == 200
        return response

    return get


def listed_titles(client, **params):
    return [item["title"] for item in client.get(LISTING_URL, params).json()["items"]]


def test_a_repeated_request_is_served_from_the_cache_after_one_query(
    client, review, django_assert_num_queries
):
    first = client.get(detail_url(review))

    with django_assert_num_queries(1):
        again = client.get(detail_url(review))

    assert again.content == first.content
    assert again["Content-Type"] == "application/json"


def test_the_order_of_query_parameters_does_not_matter(client, review, assert_cached):
    client.get(LISTING_URL, {"type": "content.FilmReviewPage", "order": "title"})

    assert_cached(f"{LISTING_URL}?order=title&type=content.FilmReviewPage")


@pytest.fixture
def seconds_later():
    """Moves the clock that Last-Modified is judged by this many seconds ahead."""
    with mock.patch("api.cache.conditional.time") as clock:

        def move(seconds):
            clock.return_value = time.time() + seconds

        move(0)
        yield move


def test_responses_carry_validators_and_cdn_friendly_cache_control(client, review, seconds_later):
    seconds_later(2)
    response = client.get(detail_url(review))

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=0"
    assert "Accept" in response["Vary"]


def test_last_modified_is_the_second_after_the_last_change_once_it_has_come(
    client, review, seconds_later
):
    assert "Last-Modified" not in client.get(detail_url(review))  # maybe the same second
    seconds_later(2)
    last_modified = client.get(detail_url(review))["Last-Modified"]

    # The page's change, or the cache's start (its epoch), whichever came last.
    rows = ApiCacheTag.objects.filter(key__in=[f"page:{review.pk}", "epoch"])
    changed_at = max(row.changed_at for row in rows).timestamp()
    assert last_modified == http_date(math.floor(changed_at) + 1)


def test_a_client_holding_an_older_version_never_gets_a_304_for_a_newer_one(client, review):
    """On the real clock: a Last-Modified comes only once its second has, so a change
    after it falls in a later second."""
    client.get(detail_url(review))
    time.sleep(1.1)
    older = client.get(detail_url(review))
    review.title = "Her, revisited"
    review.save_revision().publish()
    time.sleep(1.1)

    response = client.get(detail_url(review), headers={"If-Modified-Since": older["Last-Modified"]})

    assert response.status_code == 200
    assert response.json()["title"] == "Her, revisited"


def test_the_cdn_max_age_is_configurable(client, review, settings):
    settings.API_CDN_MAX_AGE = 300

    assert client.get(detail_url(review))["Cache-Control"] == "public, max-age=0, s-maxage=300"


def test_a_conditional_get_with_the_etag_gets_304(client, review, other_review):
    for url in (detail_url(review), LISTING_URL):
        etag = client.get(url)["ETag"]

        response = client.get(url, headers={"If-None-Match": etag})

        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag


def test_a_conditional_get_since_last_modified_gets_304(client, review, seconds_later):
    seconds_later(2)
    last_modified = client.get(detail_url(review))["Last-Modified"]

    response = client.get(detail_url(review), headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304


def test_a_stale_etag_gets_the_new_content(client, review):
    etag = client.get(detail_url(review))["ETag"]
    review.title = "Her, revisited"
    review.save_revision().publish()

    response = client.get(detail_url(review), headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response.json()["title"] == "Her, revisited"


def test_publishing_a_new_revision_refreshes_detail_and_listings(client, review):
    client.get(detail_url(review))
    client.get(LISTING_URL, REVIEWS)

    review.title = "Her, revisited"
    review.save_revision().publish()

    assert client.get(detail_url(review)).json()["title"] == "Her, revisited"
    assert listed_titles(client, **REVIEWS) == ["Her, revisited"]


def test_publishing_a_new_review_adds_it_to_cached_listings(client, review, review_index):
    assert listed_titles(client, **REVIEWS) == ["Her"]

    make_review(review_index, title="Arrival")

    assert listed_titles(client, **REVIEWS) == ["Her", "Arrival"]


def test_unpublishing_drops_the_review_from_detail_and_listings(client, review):
    client.get(detail_url(review))
    client.get(LISTING_URL, REVIEWS)

    review.unpublish()

    assert client.get(detail_url(review)).status_code == 404
    assert listed_titles(client, **REVIEWS) == []


def test_deleting_drops_the_review_from_detail_and_listings(client, review):
    client.get(detail_url(review))
    client.get(LISTING_URL, REVIEWS)

    Page.objects.get(pk=review.pk).delete()

    assert client.get(detail_url(review)).status_code == 404
    assert listed_titles(client, **REVIEWS) == []


def test_moving_changes_the_address_of_the_review_and_what_lies_under_it(client, review, home_page):
    archive = home_page.add_child(instance=type(review.get_parent().specific)(title="Archive"))
    archive.save_revision().publish()
    client.get(detail_url(review))
    client.get(LISTING_URL, {"child_of": review.get_parent().pk})

    review.move(archive, pos="last-child")

    assert client.get(detail_url(review)).json()["meta"]["html_url"].endswith("/archive/her/")
    assert client.get(LISTING_URL, {"child_of": archive.pk}).json()["meta"]["total_count"] == 1


def test_moving_a_section_refreshes_the_reviews_inside_it(client, review, home_page):
    index = review.get_parent().specific
    client.get(detail_url(review))

    index.slug = "critiques"
    index.save_revision().publish()

    assert client.get(detail_url(review)).json()["meta"]["html_url"].endswith("/critiques/her/")


def test_restricting_a_review_to_logged_in_readers_hides_it(client, review):
    client.get(detail_url(review))
    client.get(LISTING_URL, REVIEWS)

    PageViewRestriction.objects.create(page=review, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(detail_url(review)).status_code == 404
    assert listed_titles(client, **REVIEWS) == []


def test_lifting_a_restriction_shows_the_review_again(client, review):
    restriction = PageViewRestriction.objects.create(
        page=review, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(detail_url(review)).status_code == 404

    restriction.delete()

    assert client.get(detail_url(review)).status_code == 200


def test_deleting_a_restricted_review_drops_it(client, review, other_review):
    PageViewRestriction.objects.create(page=review, restriction_type=PageViewRestriction.LOGIN)
    client.get(LISTING_URL, REVIEWS)

    Page.objects.get(pk=review.pk).delete()

    assert listed_titles(client, **REVIEWS) == ["Arrival"]


def test_changing_the_film_refreshes_the_reviews_that_show_it(client, review):
    client.get(detail_url(review))
    client.get(LISTING_URL, REVIEWS)

    review.film.title = "Her (2013)"
    review.film.save()

    assert client.get(detail_url(review)).json()["film"]["title"] == "Her (2013)"
    listing = client.get(LISTING_URL, REVIEWS).json()
    assert listing["items"][0]["film"]["title"] == "Her (2013)"


def test_changing_a_composer_refreshes_the_composer_filter(client, review):
    assert listed_titles(client, composer="Owen Pallett", **REVIEWS) == []

    review.film.composers.add(FilmComposer(name="Owen Pallett"))
    review.film.save()

    assert listed_titles(client, composer="Owen Pallett", **REVIEWS) == ["Her"]
    assert client.get(detail_url(review)).json()["film"]["composers"] == [
        "Arcade Fire",
        "Owen Pallett",
    ]


def test_changing_the_reviewer_refreshes_the_reviews_that_show_them(client, review):
    client.get(detail_url(review))

    review.reviewer.bio = "Writes about film scores and synthesisers."
    review.reviewer.save()

    reviewer = client.get(detail_url(review)).json()["reviewer"]
    assert reviewer["bio"] == "Writes about film scores and synthesisers."


def test_changing_an_image_refreshes_the_reviews_that_show_it(client, review):
    client.get(detail_url(review))

    review.hero_image.title = "Theodore on the beach"
    review.hero_image.save()

    assert client.get(detail_url(review)).json()["hero_image"]["title"] == "Theodore on the beach"


def test_a_change_leaves_responses_that_do_not_show_it_cached(
    client, review, other_review, assert_cached, django_assert_num_queries
):
    client.get(detail_url(other_review))

    review.film.title = "Her (2013)"
    review.film.save()
    review.reviewer.save()
    review.hero_image.save()
    review.title = "Her, revisited"
    review.save_revision().publish()

    assert_cached(detail_url(other_review))
    # Checked against its tags once, it is known true as of now: one query again.
    with django_assert_num_queries(1):
        client.get(detail_url(other_review))


def test_saving_a_draft_leaves_detail_and_listings_cached(client, review, assert_cached):
    client.get(detail_url(review))
    client.get(LISTING_URL, REVIEWS)

    review.title = "Her, a draft headline"
    review.save_revision()

    assert assert_cached(detail_url(review)).json()["title"] == "Her"
    assert assert_cached(LISTING_URL, REVIEWS).json()["items"][0]["title"] == "Her"


def test_a_cache_that_outlives_its_database_is_not_trusted(client, review):
    """A restore, or a new database beside the same Redis, starts a new epoch."""
    client.get(detail_url(review))

    ApiCacheTag.objects.all().delete()
    FilmReviewPage.objects.filter(pk=review.pk).update(title="Restored headline")

    assert client.get(detail_url(review)).json()["title"] == "Restored headline"


def test_errors_are_not_cached(client, review):
    assert client.get(LISTING_URL, {"limit": "many"}).status_code == 400
    assert client.get(detail_url(review) + "?fields=nonsense").status_code == 400
    assert client.get(LISTING_URL, {"limit": "many"}).status_code == 400


def test_with_the_cache_off_every_request_builds_its_response(client, review, settings):
    settings.API_CACHE_SECONDS = 0
    client.get(detail_url(review))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(detail_url(review))

    assert len(queries) > 5
    assert response["ETag"]
    assert response.json()["title"] == "Her"


def test_a_random_order_is_never_stored(client, review, other_review):
    client.get(LISTING_URL, {"order": "random"})

    with CaptureQueriesContext(connection) as queries:
        response = client.get(LISTING_URL, {"order": "random"})

    assert len(queries) > 2
    assert "public" not in response.get("Cache-Control", "")


def test_renaming_or_deleting_a_tag_refreshes_the_reviews_and_the_tag_filter(client, review):
    review.tags.add("ambient")
    review.save_revision().publish()
    assert client.get(detail_url(review)).json()["tags"] == ["ambient"]
    assert listed_titles(client, tag="drone", **REVIEWS) == []

    Tag.objects.filter(name="ambient").update(name="drone")  # no signal: an admin edit saves
    Tag.objects.get(name="drone").save()

    assert client.get(detail_url(review)).json()["tags"] == ["drone"]
    assert listed_titles(client, tag="drone", **REVIEWS) == ["Her"]
    Tag.objects.get(name="drone").delete()
    assert client.get(detail_url(review)).json()["tags"] == []


def test_a_new_slug_for_a_section_refreshes_links_to_the_reviews_inside_it(
    client, review, other_review
):
    linking = FilmReviewPage.objects.get(pk=other_review.pk)
    linking.body = [
        ("intro", RichText(f'<p>See <a linktype="page" id="{review.pk}">Her</a>.</p>')),
        *[(child.block_type, child.value) for child in linking.body][1:],
    ]
    linking.save_revision().publish()
    assert "/reviews/her/" in client.get(detail_url(linking)).json()["body"][0]["value"]

    index = review.get_parent().specific
    index.slug = "critiques"
    index.save_revision().publish()

    assert "/critiques/her/" in client.get(detail_url(linking)).json()["body"][0]["value"]


def test_changing_a_site_refreshes_every_response(client, review):
    client.get(detail_url(review))
    site = Site.objects.get(is_default_site=True)

    site.site_name = "Liner Notes"
    site.save()
    FilmReviewPage.objects.filter(pk=review.pk).update(title="Changed without a signal")

    assert client.get(detail_url(review)).json()["title"] == "Changed without a signal"


@pytest.mark.django_db
def test_each_host_has_its_own_responses(client, review, home_page, settings):
    settings.ALLOWED_HOSTS = ["*"]
    other_root = home_page.add_child(instance=type(review.get_parent().specific)(title="Other"))
    other_root.save_revision().publish()
    Site.objects.create(hostname="other.example", root_page=other_root)

    here = client.get(LISTING_URL, headers={"Host": "localhost"}).json()["meta"]["total_count"]
    there = client.get(LISTING_URL, headers={"Host": "other.example"}).json()["meta"]["total_count"]

    assert (here, there) == (4, 1)


def test_a_deployment_with_other_addresses_keeps_apart_from_the_cache(client, review, settings):
    """Processes of a new release, or with new addresses, may share the cache (Redis)."""
    assert (
        client.get(detail_url(review))
        .json()["meta"]["html_url"]
        .startswith("http://localhost:8020/")
    )

    settings.FRONTEND_URL = "https://www.linernotes.example"
    store.deployment.cache_clear()
    try:
        html_url = client.get(detail_url(review)).json()["meta"]["html_url"]
    finally:
        store.deployment.cache_clear()

    assert html_url.startswith("https://www.linernotes.example/")


def test_of_two_like_parameters_the_last_decides_and_keys_the_response(client, review):
    first = client.get(
        detail_url(review), headers={"Accept": "application/json; indent=2; indent=8"}
    )
    second = client.get(
        detail_url(review), headers={"Accept": "application/json; indent=8; indent=2"}
    )

    assert first.content.startswith(b'{\n        "id"')
    assert second.content.startswith(b'{\n  "id"')
