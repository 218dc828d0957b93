"""Paging by cursor does not drift: a review unpublished or published mid-crawl makes no
other review disappear or appear twice, and meta.next and meta.previous lead both ways."""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import FilmFactory, ImageFactory, ReviewerFactory, make_review

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


@pytest.fixture
def reviews(review_index):
    ratings = ["4.5", None, "3.0", "4.5", "5.0", None, "2.5"]
    return [
        make_review(
            review_index,
            title=f"Review {number:02}",
            rating=Decimal(rating) if rating else None,
        )
        for number, rating in enumerate(ratings)
    ]


def crawl(client, url, on_page=None):
    """Every item's id, following meta.next from ``url``."""
    ids, page = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.json()
        body = response.json()
        ids += [item["id"] for item in body["items"]]
        url = body["meta"]["next"]
        page += 1
        if on_page:
            on_page(page)
    return ids


def first_page(order=None, limit=2):
    query = f"?type=content.FilmReviewPage&limit={limit}"
    return f"{LISTING_URL}{query}&order={order}" if order else f"{LISTING_URL}{query}"


@pytest.mark.parametrize("order", [None, "title", "-title", "rating", "-rating", "-id"])
def test_a_cursor_crawl_meets_every_review_once_in_order(client, reviews, order):
    everything = client.get(first_page(order, limit=100)).json()["items"]

    assert crawl(client, first_page(order)) == [item["id"] for item in everything]


@pytest.mark.parametrize("order", [None, "-rating", "title"])
def test_a_review_unpublished_mid_crawl_makes_no_other_review_disappear(client, reviews, order):
    everything = [item["id"] for item in client.get(first_page(order, 100)).json()["items"]]
    gone = everything[1]  # on the first page, already seen

    def unpublish_after_the_first_page(page):
        if page == 1:
            next(review for review in reviews if review.pk == gone).unpublish()

    seen = crawl(client, first_page(order), on_page=unpublish_after_the_first_page)

    assert seen == everything


def test_by_offset_the_same_crawl_skips_a_review(client, reviews):
    """Why cursors: this is what an offset does."""
    url = f"{first_page()}&offset=0"
    reviews[0].unpublish()  # as if between the first and second page
    after = client.get(f"{first_page()}&offset=2").json()["items"]

    assert reviews[2].pk not in [item["id"] for item in after]
    assert client.get(url).json()["meta"]["next"].endswith("offset=2")


def test_previous_leads_back_through_the_same_pages(client, reviews):
    pages = []
    url = first_page("-rating")
    while url:
        body = client.get(url).json()
        pages.append([item["id"] for item in body["items"]])
        last_meta, url = body["meta"], body["meta"]["next"]

    back, url = [], last_meta["previous"]
    while url:
        body = client.get(url).json()
        back.insert(0, [item["id"] for item in body["items"]])
        url = body["meta"]["previous"]

    assert back == pages[:-1]


def test_links_are_full_urls_null_at_the_ends(client, reviews):
    first = client.get(first_page(limit=4)).json()["meta"]
    second = client.get(first["next"]).json()["meta"]

    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v2/pages/?")
    assert second["next"] is None
    assert second["previous"].startswith("http://testserver/api/v2/pages/?")
    assert first["total_count"] == second["total_count"] == len(reviews)


@pytest.mark.parametrize(
    "query, message",
    [
        ("cursor=nonsense", "cursor is not one this API gave"),
        ("cursor=abc&offset=2", "give cursor or offset, not both"),
        ("cursor=abc&search=review", "cursor cannot page a search or a random order"),
        ("cursor=abc&order=random", "cursor cannot page a search or a random order"),
    ],
)
def test_a_cursor_that_cannot_be_followed_is_refused(client, reviews, query, message):
    response = client.get(f"{first_page()}&{query}")

    assert response.status_code == 400
    assert message in response.json()["message"]


def test_a_cursor_of_another_order_is_refused(client, reviews):
    next_url = client.get(first_page("title")).json()["meta"]["next"]

    response = client.get(next_url.replace("order=title", "order=-rating"))

    assert response.status_code == 400
    assert response.json()["message"].startswith("cursor belongs to another listing")


@pytest.mark.usefixtures("run_tasks_immediately")  # searches the index that tasks write
def test_searches_page_by_offset(client, reviews):
    meta = client.get(f"{first_page()}&search=review").json()["meta"]

    assert "offset=2" in meta["next"]


@pytest.mark.parametrize("endpoint", ["taxonomies:tags", "wagtailapi_v2:images:listing"])
def test_other_listings_page_by_cursor_too(client, review_index, endpoint):
    for number in range(5):
        make_review(review_index, tags=[f"tag-{number}"], hero_image=ImageFactory())

    ids = crawl(client, f"{reverse(endpoint)}?limit=2")

    everything = client.get(reverse(endpoint), {"limit": 100}).json()["items"]
    assert ids == [item["id"] for item in everything]
    assert len(ids) >= 5


def test_an_unchanged_listing_gives_the_same_links_whenever_it_is_built(client, reviews):
    first = client.get(first_page()).json()["meta"]["next"]
    cache.clear()

    assert client.get(first_page()).json()["meta"]["next"] == first


@pytest.mark.parametrize(
    "source, target",
    [
        (first_page(), reverse("wagtailapi_v2:images:listing")),
        (first_page(), f"{LISTING_URL}?type=content.FilmReviewPage&limit=2&tag=x"),
        (reverse("taxonomies:composers") + "?limit=1", reverse("wagtailapi_v2:images:listing")),
        (reverse("taxonomies:tags") + "?limit=1", reverse("taxonomies:reviewers")),
    ],
)
def test_a_cursor_of_another_listing_is_refused(client, reviews, source, target):
    make_review(reviews[0].get_parent(), tags=["a", "b"], reviewer=ReviewerFactory())
    cursor = parse_qs(urlsplit(client.get(source).json()["meta"]["next"]).query)["cursor"][0]

    response = client.get(target, {"cursor": cursor})

    assert response.status_code == 400
    assert response.json()["message"].startswith("cursor belongs to another listing")


@pytest.mark.parametrize("order", ["name", "-name", "review_count", "-review_count"])
def test_composers_page_by_cursor_without_repeats(client, review_index, order):
    for number in range(7):
        film = FilmFactory(composers=[f"Composer {number % 4}", f"Other {number}"])
        make_review(review_index, film=film)
    url = f"{reverse('taxonomies:composers')}?limit=3&order={order}"
    everything = client.get(url.replace("limit=3", "limit=100")).json()["items"]

    names, counts = [], {}
    while url:
        body = client.get(url).json()
        names += [item["name"] for item in body["items"]]
        counts.update({item["name"]: item["review_count"] for item in body["items"]})
        url = body["meta"]["next"]

    assert names == [item["name"] for item in everything]
    assert counts == {item["name"]: item["review_count"] for item in everything}


def test_a_random_order_has_no_next_page(client, reviews):
    meta = client.get(f"{first_page('random')}").json()["meta"]

    assert meta["next"] is None and meta["previous"] is None
