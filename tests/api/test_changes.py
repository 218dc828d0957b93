"""The change feed tells a build what happened to public pages since its last call."""

import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import transaction
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from api.changes import record
from api.models import PageChange
from content.models import ReviewIndexPage
from tests.factories import make_review

CHANGES_URL = reverse("changes")
FRONTEND = "http://localhost:8020"


def query_of(url):
    return dict(parse_qsl(urlsplit(url).query))


class Feed:
    """The feed as a build reads it: from where its last call left off."""

    def __init__(self, client):
        self.client = client
        self.next_url = client.get(CHANGES_URL).json()["meta"]["next"]

    def read(self):
        response = self.client.get(self.next_url)
        assert response.status_code == 200, response.content
        body = response.json()
        self.next_url = body["meta"]["next"]
        return [
            {key: item[key] for key in ("id", "event", "html_url", "old_html_url")}
            for item in body["items"]
        ]


@pytest.fixture
def review(review_index):
    return make_review(review_index, title="Her", slug="her")


def test_without_since_the_feed_gives_nothing_and_where_to_start(client, review):
    body = client.get(CHANGES_URL).json()

    assert body["items"] == []
    assert body["meta"]["next"].startswith("http://testserver/api/v2/changes/?since=")


def test_publishing_a_review_and_publishing_it_again(client, review_index):
    feed = Feed(client)
    review = make_review(review_index, title="Her", slug="her")
    review.save_revision().publish()
    url = f"{FRONTEND}/reviews/her/"

    assert feed.read() == [
        {"id": review.pk, "event": "published", "html_url": url, "old_html_url": None},
        {"id": review.pk, "event": "published", "html_url": url, "old_html_url": None},
    ]
    assert feed.read() == []


def test_an_item_says_what_the_page_is_and_when(client, review_index):
    feed = Feed(client)
    review = make_review(review_index)

    [item] = client.get(feed.next_url).json()["items"]

    assert set(item) == {"id", "type", "event", "at", "html_url", "old_html_url"}
    assert item["type"] == "content.FilmReviewPage" and item["id"] == review.pk


def test_unpublishing_and_deleting(client, review):
    feed = Feed(client)
    url = f"{FRONTEND}/reviews/her/"
    review.unpublish()
    other = make_review(review.get_parent(), slug="other")
    other.delete()

    events = feed.read()

    assert events[0] == {"id": review.pk, "event": "unpublished", "html_url": None,
                         "old_html_url": url}  # fmt: skip
    assert events[-1] == {"id": other.pk, "event": "deleted", "html_url": None,
                          "old_html_url": f"{FRONTEND}/reviews/other/"}  # fmt: skip


def test_a_move_changes_the_address_of_the_page_and_of_those_under_it(
    client, review, review_index, home_page
):
    feed = Feed(client)
    archive = home_page.add_child(instance=ReviewIndexPage(title="Archive", slug="archive"))
    archive.save_revision().publish()
    feed.read()

    review_index.move(archive, pos="last-child")

    assert feed.read() == [
        {"id": review_index.pk, "event": "moved", "html_url": f"{FRONTEND}/archive/reviews/",
         "old_html_url": f"{FRONTEND}/reviews/"},
        {"id": review.pk, "event": "moved", "html_url": f"{FRONTEND}/archive/reviews/her/",
         "old_html_url": f"{FRONTEND}/reviews/her/"},
    ]  # fmt: skip


def test_a_new_slug_is_a_move_once_published(client, review, django_capture_on_commit_callbacks):
    feed = Feed(client)
    review.slug = "her-2013"
    review.save_revision()
    assert feed.read() == []  # a draft changes nothing public

    # Wagtail tells of a new slug once the change has committed.
    with django_capture_on_commit_callbacks(execute=True):
        review.get_latest_revision().publish()

    events = feed.read()
    assert {"id": review.pk, "event": "moved", "html_url": f"{FRONTEND}/reviews/her-2013/",
            "old_html_url": f"{FRONTEND}/reviews/her/"} in events  # fmt: skip


def test_a_view_restriction_unpublishes_and_its_removal_publishes_again(
    client, review, review_index
):
    feed = Feed(client)
    restriction = PageViewRestriction.objects.create(
        page=review_index, restriction_type="password", password="secret"
    )
    hidden = feed.read()
    review.save_revision().publish()  # behind the restriction: nothing public changes
    assert feed.read() == []
    restriction.delete()

    assert {(event["id"], event["event"]) for event in hidden} == {
        (review_index.pk, "unpublished"),
        (review.pk, "unpublished"),
    }
    shown = feed.read()
    assert {(event["id"], event["event"]) for event in shown} == {
        (review_index.pk, "published"),
        (review.pk, "published"),
    }


def test_a_change_that_rolls_back_leaves_no_event(client, review):
    feed = Feed(client)
    with pytest.raises(RuntimeError), transaction.atomic():
        review.unpublish()
        raise RuntimeError

    assert feed.read() == []


def test_a_long_feed_comes_a_page_at_a_time(client, review_index):
    feed = Feed(client)
    reviews = [make_review(review_index) for _ in range(5)]

    first = client.get(feed.next_url + "&limit=2").json()
    rest = client.get(first["meta"]["next"].replace("limit=2", "limit=10")).json()

    assert [item["id"] for item in first["items"] + rest["items"]] == [r.pk for r in reviews]


def test_an_unchanged_feed_revalidates_until_the_next_change(client, review_index):
    feed = Feed(client)
    first = client.get(feed.next_url)
    assert client.get(feed.next_url, headers={"If-None-Match": first["ETag"]}).status_code == 304

    make_review(review_index)

    assert len(client.get(feed.next_url).json()["items"]) == 1


def cursor_at(client, unix_time):
    """A cursor as the feed makes them, of another time."""
    last_id, _time, epoch = query_of(Feed(client).next_url)["since"].split("-")
    return f"{last_id}-{unix_time}-{epoch}"


def test_a_cursor_older_than_the_feed_keeps_answers_410(client, review, settings):
    settings.API_CHANGES_RETENTION_DAYS = 7
    eight_days_ago = int((timezone.now() - datetime.timedelta(days=8)).timestamp())

    response = client.get(CHANGES_URL, {"since": cursor_at(client, eight_days_ago)})

    assert response.status_code == 410
    assert "older than the 7 days the feed keeps" in response.json()["message"]
    assert "Rebuild in full" in response.json()["message"]


def test_a_new_site_address_or_a_restore_sends_builds_to_rebuild(client, review):
    feed = Feed(client)
    site = Site.objects.get(is_default_site=True)
    site.hostname = "reviews.example"
    site.save()  # every address changes: the response cache begins a new epoch

    response = client.get(feed.next_url)

    assert response.status_code == 410
    assert "before the site's addresses or content were replaced" in response.json()["message"]


def test_old_events_are_pruned_as_new_ones_come(review_index, settings, monkeypatch):
    settings.API_CHANGES_RETENTION_DAYS = 1
    make_review(review_index)
    PageChange.objects.update(at="2000-01-01T00:00:00Z")
    monkeypatch.setattr(record, "_last_pruned", 0.0)  # pruned a minute ago at most

    make_review(review_index)

    assert PageChange.objects.count() == 1


@pytest.mark.parametrize(
    "since", ["", "x", "5", "5-", "-5", "5-1e3", "1-5", "1-" + "9" * 30 + "-abcdef", "1-5-ABCDEF"]
)
def test_a_cursor_that_is_not_one_gets_a_400(client, db, since):
    response = client.get(CHANGES_URL, {"since": since})

    assert response.status_code == 400
    assert "message" in response.json()


def test_deleting_restricted_pages_tells_nothing_of_them(client, review_index, home_page):
    section = home_page.add_child(instance=ReviewIndexPage(title="Section", slug="section"))
    section.save_revision().publish()
    secret = make_review(section, slug="secret")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    hidden = make_review(review_index, slug="hidden")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    feed = Feed(client)

    hidden.delete()
    section.delete()

    assert feed.read() == [
        {"id": section.pk, "event": "deleted", "html_url": None,
         "old_html_url": f"{FRONTEND}/section/"},
    ]  # fmt: skip


def test_a_since_given_twice_is_a_400_however_old(client, db):
    old = cursor_at(client, 1_000_000_000)
    response = client.get(f"{CHANGES_URL}?since={old}&since={old}")

    assert response.status_code == 400
    assert response.json()["message"].startswith("since is given 2 times")


def test_a_quiet_feed_never_sends_its_client_to_rebuild(client, review, settings):
    settings.API_CHANGES_RETENTION_DAYS = 1
    PageChange.objects.update(at=timezone.now() - datetime.timedelta(days=3))

    start = client.get(CHANGES_URL).json()["meta"]["next"]
    quiet = client.get(start)

    assert quiet.status_code == 200 and quiet.json()["items"] == []
    assert client.get(quiet.json()["meta"]["next"]).status_code == 200


def test_a_draft_published_under_a_new_slug_tells_nothing_of_its_old_one(
    client, review_index, django_capture_on_commit_callbacks
):
    draft = make_review(review_index, publish=False, slug="embargoed-sequel")
    feed = Feed(client)
    draft.slug = "her"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()

    assert feed.read() == [
        {"id": draft.pk, "event": "published", "html_url": f"{FRONTEND}/reviews/her/",
         "old_html_url": None},
    ]  # fmt: skip


def test_a_deletion_that_failed_leaves_nothing_behind_for_the_next_request(client, review):
    restriction = PageViewRestriction.objects.create(
        page=review, restriction_type="password", password="x"
    )

    def fail(**kwargs):
        raise RuntimeError("the deletion fails half-way")

    post_delete.connect(fail, sender=PageViewRestriction)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            review.delete()
    finally:
        post_delete.disconnect(fail, sender=PageViewRestriction)
    feed = Feed(client)  # a request of its own
    restriction.delete()

    assert [(event["id"], event["event"]) for event in feed.read()] == [(review.pk, "published")]
