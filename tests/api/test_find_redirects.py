"""pages/find/ follows the redirects Wagtail makes when a page moves or changes its slug,
so that a frontend reaches a review at its old address."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from content.models import FilmReviewPage
from tests.factories import make_review

FIND_URL = reverse("wagtailapi_v2:pages:find")


@pytest.fixture
def review(review_index, django_capture_on_commit_callbacks):
    review = make_review(review_index, title="Her, heard again", slug="her")
    review = FilmReviewPage.objects.get(pk=review.pk)
    review.slug = "her-heard-again"
    with django_capture_on_commit_callbacks(execute=True):
        review.save_revision().publish()
    return review


def test_an_old_address_answers_a_301_to_the_page_at_its_new_address(client, review):
    assert Redirect.objects.filter(old_path="/reviews/her").exists()

    response = client.get(FIND_URL, {"html_path": "/reviews/her/", "fields": "title"})

    assert response.status_code == 301
    assert reverse("wagtailapi_v2:pages:detail", args=[review.pk]) in response["Location"]
    page = client.get(response["Location"]).json()
    assert page["meta"]["html_url"].endswith("/reviews/her-heard-again/")
    assert page["title"] == "Her, heard again"
    assert "fields=title" in response["Location"]


def test_moving_a_review_leaves_its_old_address_leading_to_it(client, review, home_page):
    from content.models import ReviewIndexPage

    archive = home_page.add_child(instance=ReviewIndexPage(title="Archive", slug="archive"))
    archive.save_revision().publish()
    review.move(archive, pos="last-child")

    for old_path in ("/reviews/her/", "/reviews/her-heard-again/"):
        response = client.get(FIND_URL, {"html_path": old_path})
        assert response.status_code == 301, old_path
        page = client.get(response["Location"]).json()
        assert page["meta"]["html_url"].endswith("/archive/her-heard-again/")


def test_a_temporary_redirect_answers_a_302(client, review):
    Redirect.objects.create(old_path="/her-for-now", redirect_page=review, is_permanent=False)

    response = client.get(FIND_URL, {"html_path": "/her-for-now/"})

    assert response.status_code == 302
    assert reverse("wagtailapi_v2:pages:detail", args=[review.pk]) in response["Location"]


def test_a_redirect_to_what_the_public_may_not_see_or_to_another_site_is_a_404(
    client, review, review_index
):
    draft = make_review(review_index, title="A draft", slug="a-draft", publish=False)
    Redirect.objects.create(old_path="/old-draft", redirect_page=draft)
    Redirect.objects.create(old_path="/elsewhere", redirect_link="https://example.com/")
    PageViewRestriction.objects.create(page=review, restriction_type="login")

    for path in ("/old-draft/", "/elsewhere/", "/reviews/her/"):
        response = client.get(FIND_URL, {"html_path": path})
        assert response.status_code == 404, path
        assert response.json() == {"message": "not found"}


@pytest.mark.parametrize("path", ["//[x", "http://[::1", "/%00/"])
def test_a_path_no_url_can_hold_is_a_404(client, review, path):
    response = client.get(FIND_URL, {"html_path": path})

    assert response.status_code in (400, 404)
    assert "message" in response.json()


def test_a_redirect_is_never_kept_by_browsers(client, review):
    response = client.get(FIND_URL, {"html_path": "/reviews/her/"})

    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_sites_own_redirect_wins_over_one_for_every_site(client, review, review_index):
    other = make_review(review_index, title="Other", slug="other")
    Redirect.objects.create(old_path="/shared", redirect_page=other, site=None)
    Redirect.objects.create(old_path="/shared", redirect_page=review, site=review.get_site())

    response = client.get(FIND_URL, {"html_path": "/shared/"})

    assert reverse("wagtailapi_v2:pages:detail", args=[review.pk]) in response["Location"]
