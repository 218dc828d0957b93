"""An editor who saves a moment after typing in a rich text field keeps every word typed."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin import log_in, opened

LAST_WORDS = "These last words were typed a moment before saving."
# Draftail copies the editor's content into the form 250 ms after the last change.
WITHIN_DRAFTAIL_DELAY_MS = 100


def copy_of_a_review(page, api, cms_url, title):
    """Copies a demo review as a draft of this test's own, and opens its edit form."""
    review = api("pages/?type=content.FilmReviewPage&slug=the-social-network-reznor-ross")
    page.goto(f"{cms_url}/admin/pages/{review['items'][0]['id']}/copy/")
    page.get_by_label("New title").fill(title)
    page.get_by_label("New slug").fill(re.sub(r"\W+", "-", title.lower()).strip("-"))
    page.get_by_role("button", name="Copy this page").click()
    page.get_by_role("link", name=title, exact=True).first.click()
    expect(page.get_by_role("textbox", name="Headline*")).to_have_value(title)


def save_draft(page):
    page.get_by_role("button", name="Save draft").click()


def save_with_the_keyboard(page):
    page.keyboard.press("ControlOrMeta+s")


def publish(page):
    page.get_by_role("button", name="More actions").click()
    page.clock.run_for(WITHIN_DRAFTAIL_DELAY_MS)  # the dropdown opens on the next frames
    page.get_by_role("button", name="Publish").click()


@pytest.mark.parametrize(
    "press, done",
    [
        (save_draft, "has been updated"),
        (save_with_the_keyboard, "has been updated"),
        (publish, "has been published"),
    ],
    ids=["save-draft", "ctrl-s", "publish"],
)
def test_saving_right_after_typing_in_rich_text_keeps_the_last_words(
    page, api, cms_url, press, done
):
    title = f"The Social Network, saved in a hurry ({press.__name__})"
    # The moderator may publish, as one of the ways of saving.
    log_in(page, cms_url, username="moderator")
    page.clock.install()
    copy_of_a_review(page, api, cms_url, title)
    edit_url = page.url
    intro = opened(page.get_by_role("region", name=re.compile("^Intro")))
    editor = intro.locator("[data-draftail-editor-wrapper] [contenteditable=true]")
    form_value = intro.locator("input[type=hidden][name$='-value']")

    # The page's clock stops while the editor types and saves, so that the save comes
    # within Draftail's quarter of a second on a machine of any speed.
    editor.click()
    page.keyboard.press("ControlOrMeta+End")
    page.clock.pause_at(page.evaluate("Date.now()") + 1_000)
    editor.press_sequentially(f" {LAST_WORDS}")
    expect(editor).to_contain_text(LAST_WORDS)
    expect(form_value).not_to_have_value(re.compile(LAST_WORDS))
    press(page)
    page.clock.resume()

    expect(page.get_by_text(f"Page '{title}' {done}")).to_be_visible()
    page.goto(edit_url)
    expect(editor).to_contain_text(LAST_WORDS)
