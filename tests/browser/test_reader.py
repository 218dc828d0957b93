"""A reader browses the reference frontend."""

import datetime
from urllib.parse import urlencode

from playwright.sync_api import expect

from tests.factories import HER_TRACKS, sign_preview_token_at


def test_reader_lists_reviews_and_reads_the_her_review_track_by_track(
    page, frontend_url, screenshot
):
    page.goto(frontend_url)

    expect(page.locator(".review-card h2")).to_contain_text(
        ["The Social Network", "Arrival", "Her"]
    )
    screenshot(page, "review-list")

    page.get_by_role("link", name="Her: a score that keeps the lovers company").click()

    expect(page).to_have_url(f"{frontend_url}/reviews/her-arcade-fire-owen-pallett/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Her: a score that keeps the lovers company"
    )
    expect(page.locator(".track-card h2")).to_have_text(HER_TRACKS)
    expect(page.locator(".review-body > section").first).to_have_class("intro")
    expect(page.locator(".review-body > section").last).to_have_class("conclusion")
    expect(page.locator(".film-card")).to_contain_text("Arcade Fire, Owen Pallett")
    expect(page.locator(".preview-banner")).to_be_hidden()
    screenshot(page, "her-review")


def test_reader_filters_the_list_by_film_and_by_tag(page, frontend_url, screenshot):
    page.goto(frontend_url)

    # The menus come from the taxonomy endpoints, with each film's and tag's count.
    expect(page.get_by_label("Tag").locator("option")).to_contain_text(["All tags", "ambient · 1"])
    page.get_by_label("Film").select_option(label="Arrival (2016) · 1")
    page.get_by_role("button", name="Filter").click()

    expect(page.locator(".review-card h2")).to_have_text(["Arrival: voices from somewhere else"])
    screenshot(page, "filtered-by-film")

    page.get_by_role("link", name="Clear filters").click()
    page.get_by_role("link", name="bittersweet").first.click()

    expect(page.locator(".review-card h2")).to_have_text(
        ["Her: a score that keeps the lovers company"]
    )


def test_an_unknown_address_says_nothing_is_published_there(page, frontend_url):
    page.goto(f"{frontend_url}/reviews/no-such-review/")

    expect(page.get_by_role("alert")).to_contain_text("Nothing is published at this address.")


def test_a_bogus_preview_link_shows_a_readable_message(page, frontend_url, screenshot):
    page.goto(f"{frontend_url}/?content_type=content.filmreviewpage&token=bogus")

    expect(page.locator(".preview-banner")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("This preview cannot be shown")
    expect(page.get_by_role("alert")).to_contain_text("This preview link is not valid.")
    screenshot(page, "bogus-token")


def test_an_expired_preview_link_shows_a_readable_message(page, api, frontend_url, screenshot):
    her = api("pages/?type=content.FilmReviewPage&slug=her-arcade-fire-owen-pallett")["items"][0]
    two_hours_ago = datetime.datetime.now() - datetime.timedelta(hours=2)
    token = sign_preview_token_at(two_hours_ago, f"id={her['id']};editor=1")

    page.goto(
        f"{frontend_url}/?{urlencode({'content_type': 'content.filmreviewpage', 'token': token})}"
    )

    expect(page.get_by_role("alert")).to_contain_text("This preview link has expired")
    expect(page.locator("main")).not_to_contain_text("Sleepwalker")
    screenshot(page, "expired-token")
