"""An editor who opens a review or a snippet and saves it without touching anything changes
nothing: every field keeps its value, and the API shows the same JSON."""

import pytest
from playwright.sync_api import expect

from content.demo_content import FILMS, REVIEWERS, REVIEWS
from tests.browser.admin import form_values, log_in

PAGE_FORM = "#page-edit-form"
SNIPPET_FORM = "#w-editor-form"


def review_ids(api):
    return [item["id"] for item in api("pages/?type=content.FilmReviewPage&limit=100")["items"]]


@pytest.mark.parametrize("slug", [review["slug"] for review in REVIEWS])
def test_a_review_published_unchanged_keeps_every_value(page, api, cms_url, slug):
    review_id = api(f"pages/?type=content.FilmReviewPage&slug={slug}")["items"][0]["id"]
    before = api(f"pages/{review_id}/?fields=*")
    log_in(page, cms_url, username="moderator")
    page.goto(f"{cms_url}/admin/pages/{review_id}/edit/")
    fields = form_values(page, PAGE_FORM)

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published.")).to_be_visible()

    after = api(f"pages/{review_id}/?fields=*")
    # Published again, it says when; nothing else moves.
    assert after["meta"].pop("last_published_at") > before["meta"].pop("last_published_at")
    assert after == before
    page.goto(f"{cms_url}/admin/pages/{review_id}/edit/")
    assert form_values(page, PAGE_FORM) == fields


@pytest.mark.parametrize(
    "model, name",
    [("film", film["title"]) for film in FILMS]
    + [("reviewer", reviewer["name"]) for reviewer in REVIEWERS],
)
def test_a_film_or_reviewer_saved_unchanged_keeps_every_value(page, api, cms_url, model, name):
    reviews = [api(f"pages/{review_id}/?fields=*") for review_id in review_ids(api)]
    log_in(page, cms_url)
    page.goto(f"{cms_url}/admin/snippets/content/{model}/")
    page.get_by_role("link", name=name, exact=False).first.click()
    fields = form_values(page, SNIPPET_FORM)

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("updated.")).to_be_visible()

    page.go_back()
    page.reload()
    assert form_values(page, SNIPPET_FORM) == fields
    assert [api(f"pages/{review['id']}/?fields=*") for review in reviews] == reviews
