"""Only live, public pages appear anywhere in the public API."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from content.models import FilmReviewPage, ReviewIndexPage
from tests.factories import intro, make_review, track

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


def listed_ids(client, **params):
    response = client.get(LISTING_URL, params)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


def assert_hidden(client, page):
    """The page is in no listing, search or find result, and its detail is a 404."""
    assert page.pk not in listed_ids(client)
    assert page.pk not in listed_ids(client, type="content.FilmReviewPage")
    assert page.pk not in listed_ids(client, type="content.FilmReviewPage", search="Secret")
    assert client.get(reverse("wagtailapi_v2:pages:detail", args=[page.pk])).status_code == 404
    find = client.get(reverse("wagtailapi_v2:pages:find"), {"html_path": page.url_path[5:]})
    assert find.status_code == 404


@pytest.fixture
def public_review(review_index):
    return make_review(review_index, title="Public review")


def test_a_live_public_review_is_visible(client, public_review):
    assert public_review.pk in listed_ids(client, type="content.FilmReviewPage")
    detail = client.get(reverse("wagtailapi_v2:pages:detail", args=[public_review.pk]))
    assert detail.status_code == 200


def test_a_draft_never_appears(client, review_index, public_review):
    draft = make_review(review_index, title="Secret draft", publish=False)

    assert_hidden(client, draft)


def test_an_unpublished_review_disappears(client, review_index, public_review):
    review = make_review(review_index, title="Secret, once public")
    review.unpublish()

    assert_hidden(client, review)


def test_a_newer_draft_revision_of_a_live_review_is_not_served(client, public_review):
    public_review.title = "Secret new headline"
    public_review.body = [intro("<p>Secret new intro.</p>"), track("Secret track")]
    public_review.save_revision()

    detail = client.get(reverse("wagtailapi_v2:pages:detail", args=[public_review.pk])).json()
    listing = client.get(LISTING_URL, {"type": "content.FilmReviewPage", "fields": "*"}).json()

    assert detail["title"] == "Public review"
    assert "Secret" not in str(detail)
    assert "Secret" not in str(listing)
    assert listed_ids(client, type="content.FilmReviewPage", search="Secret") == []


@pytest.mark.usefixtures("run_tasks_immediately")  # searches the index that tasks write
def test_a_review_scheduled_to_go_live_stays_hidden_until_its_time(
    client, review_index, public_review
):
    review = make_review(review_index, title="Secret, scheduled", publish=False)
    review.go_live_at = timezone.now() + timedelta(days=1)
    review.save_revision().publish()

    call_command("publish_scheduled", verbosity=0)
    assert_hidden(client, review)

    its_time = review.go_live_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=its_time):
        call_command("publish_scheduled", verbosity=0)
    assert review.pk in listed_ids(client, type="content.FilmReviewPage", search="Secret")


def test_a_scheduled_revision_of_a_live_review_is_not_served_before_its_time(client, public_review):
    review = FilmReviewPage.objects.get(pk=public_review.pk)
    review.title = "Secret scheduled headline"
    review.go_live_at = timezone.now() + timedelta(days=1)
    review.save_revision().publish()

    detail = client.get(reverse("wagtailapi_v2:pages:detail", args=[public_review.pk])).json()
    listing = client.get(LISTING_URL, {"type": "content.FilmReviewPage", "fields": "*"}).json()

    assert detail["title"] == "Public review"
    assert "Secret" not in str(detail) + str(listing)
    assert listed_ids(client, type="content.FilmReviewPage", search="Secret") == []


@pytest.fixture(
    params=[
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "letmein"},
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.GROUPS},
    ],
    ids=["password", "login", "groups"],
)
def members_only(request, home_page):
    """A section with a view restriction (for Editors, where it names groups), and a
    review in it; yields the section, the review and the restriction."""
    section = home_page.add_child(instance=ReviewIndexPage(title="Members", slug="members"))
    section.save_revision().publish()
    review = make_review(section, title="Secret members review")
    view_restriction = PageViewRestriction.objects.create(page=section, **request.param)
    view_restriction.groups.add(Group.objects.get(name="Editors"))
    return section, review, view_restriction


def test_restricted_reviews_and_their_sections_stay_hidden(client, members_only):
    section, review, _restriction = members_only

    assert_hidden(client, review)
    assert section.pk not in listed_ids(client)


def test_a_session_that_may_open_a_restricted_review_does_not_see_it_in_the_api(
    client, members_only
):
    """Nor does it put the review into the cache that every client shares."""
    _section, review, view_restriction = members_only
    member = get_user_model().objects.create_user(username="member", password="secret")
    member.groups.add(Group.objects.get(name="Editors"))
    client.force_login(member)
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [view_restriction.pk]
    session.save()
    # Wagtail itself would let this session open the review.
    request = RequestFactory().get("/")
    request.user, request.session = member, client.session
    assert view_restriction.accept_request(request)

    assert_hidden(client, review)
    client.logout()
    assert_hidden(client, review)


def test_a_site_is_chosen_by_its_hostname(client, public_review):
    assert public_review.pk in listed_ids(client, site="localhost")

    response = client.get(LISTING_URL, {"site": "elsewhere.example"})

    assert response.status_code == 404
    assert response.json() == {"message": "No Site matches the given query."}
