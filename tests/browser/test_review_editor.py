"""The review editor as an editor sees it: an outline of the body, fields that count
their limits instead of cutting, new blocks in view, and a listing that fits a phone."""

import re

from playwright.sync_api import expect

from tests.browser.admin import log_in
from tests.browser.test_editor import add_block
from tests.factories import HER_TRACKS


def open_her(page, api, cms_url):
    her = api("pages/?type=content.FilmReviewPage&slug=her-arcade-fire-owen-pallett")["items"][0]
    page.goto(f"{cms_url}/admin/pages/{her['id']}/edit/")


def test_a_review_opens_as_an_outline_of_its_blocks_labelled_by_track(
    page, api, cms_url, screenshot
):
    log_in(page, cms_url)
    open_her(page, api, cms_url)

    tracks = page.get_by_role("region", name=re.compile("^Track commentary"))
    expect(tracks).to_have_count(len(HER_TRACKS))
    for block, title in zip(tracks.all(), HER_TRACKS, strict=True):
        expect(block).to_contain_text(title)
        expect(block.get_by_label("Track title")).to_be_hidden()
    page.get_by_role("region", name="Body*").scroll_into_view_if_needed()
    screenshot(page, "review-outline")


def test_a_new_blocks_first_field_is_not_behind_the_save_bar(page, api, cms_url, screenshot):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, cms_url)
    open_her(page, api, cms_url)
    page.get_by_role("region", name="Body*").scroll_into_view_if_needed()

    block = add_block(page, "Track commentary")

    title = block.get_by_label("Track title")
    expect(title).to_be_focused()
    save_bar = page.locator("form[data-edit-form] footer")
    page.wait_for_function(
        "([field, bar]) => field.getBoundingClientRect().bottom <= bar.getBoundingClientRect().top",
        arg=[title.element_handle(), save_bar.element_handle()],
    )
    screenshot(page, "new-block-in-view")


def test_text_over_a_limit_is_kept_counted_and_refused_with_a_message(
    page, api, cms_url, screenshot
):
    pasted = "A teaser that says far too much. " * 12  # 396 characters
    log_in(page, cms_url)
    open_her(page, api, cms_url)
    teaser = page.get_by_role("textbox", name="Teaser")

    teaser.fill(pasted)

    expect(teaser).to_have_value(pasted)
    expect(page.locator("#id_teaser-count")).to_have_text(
        f"{len(pasted)} / 300 characters: {len(pasted) - 300} over the limit, shorten it to save."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Ensure this value has at most 300 characters")).to_be_visible()
    expect(page.get_by_role("textbox", name="Teaser")).to_have_value(pasted)
    screenshot(page, "teaser-over-the-limit")


def test_the_reviews_listing_fits_a_phone(page, cms_url, screenshot):
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, cms_url)

    page.goto(f"{cms_url}/admin/film_reviews/")

    headline = page.get_by_role("link", name="Her: a score that keeps the lovers company")
    expect(headline).to_be_visible()
    assert headline.bounding_box()["width"] >= 150
    rating = page.get_by_role("cell", name="4.5 / 5")
    # Across, within the phone's width (down, where the row lies in the listing).
    box = rating.bounding_box()
    assert box["x"] + box["width"] <= 375
    screenshot(page, "reviews-listing-on-a-phone")
