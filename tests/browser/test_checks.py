"""The editor's Checks panel checks the draft as the frontend renders it in the preview:
its word count, reading time and readability, and its accessibility issues."""

import re

from playwright.sync_api import expect

from tests.browser.admin import log_in, opened
from tests.browser.test_editor import WAGTAIL_CHANGE_TRACKING_DELAY_MS, write_draft_review

# After a change, the preview reloads the draft and its user bar, and the checks run
# again: on a busy machine that takes longer than an assertion's usual wait.
PREVIEW_UPDATE_TIMEOUT_MS = 45_000


def rich_text_editor(page, block_name):
    block = opened(page.get_by_role("region", name=re.compile(f"^{block_name}")).first)
    return block.locator("[data-draftail-editor-wrapper] [contenteditable=true]")


def add_words(page, block_name, text):
    """Types ``text`` at the end of a block's rich text, then waits until the editor
    has put it into the form."""
    editor = rich_text_editor(page, block_name)
    editor.click()
    editor.press("Control+End")
    editor.press_sequentially(text)
    form_value = editor.locator(
        "xpath=ancestor::*[@data-draftail-editor-wrapper][1]/preceding-sibling::input[@type='hidden'][1]"
    )
    expect(form_value).to_have_value(re.compile(re.escape(text.strip())))


def add_image(page, block_name, image, alt_text):
    """Adds an image at the end of a block's rich text, through the image chooser."""
    editor = rich_text_editor(page, block_name)
    editor.click()
    editor.press("Control+End")
    editor.press("Enter")
    editor.press_sequentially("/image")
    page.get_by_role("option", name="Image").click()
    chooser = page.locator(".modal")
    chooser.get_by_role("link", name=image).click()
    chooser.get_by_label("Full width").check()
    chooser.get_by_label("Alt text").fill(alt_text)
    chooser.get_by_role("button", name="Insert image").click()
    expect(chooser).to_be_hidden()


def test_checks_panel_counts_the_drafts_words_and_its_accessibility_issues(
    page, api, cms_url, screenshot
):
    log_in(page, cms_url)
    write_draft_review(page, api, "Arrival, checked before publication", film="Arrival (2016)")

    page.get_by_role("button", name="Toggle checks").click()
    checks = page.locator('[data-side-panel="checks"]')
    word_count = checks.locator("[data-content-word-count]")
    issue_count = checks.locator("[data-content-checker-count]")
    # Read from the frontend's page in the preview iframe, once its user bar is ready.
    expect(word_count).to_have_text(re.compile(r"^\d+$"))
    expect(checks.locator("[data-content-reading-time]")).to_have_text(re.compile(r"^\d+ mins?$"))
    expect(checks.locator("[data-content-readability-score]")).not_to_have_text("-")
    expect(issue_count).to_have_text("0")
    words = int(word_count.inner_text())
    screenshot(page, "checks-panel")

    page.wait_for_timeout(WAGTAIL_CHANGE_TRACKING_DELAY_MS)
    add_words(page, "Intro", " Five more words for readers.")
    expect(word_count).to_have_text(str(words + 5), timeout=PREVIEW_UPDATE_TIMEOUT_MS)

    add_image(page, "Intro", "Arrival, poster artwork", alt_text="arrival_poster_final.png")
    expect(issue_count).to_have_text("1", timeout=PREVIEW_UPDATE_TIMEOUT_MS)
    expect(checks.locator("[data-content-checker-row]")).to_have_count(1)
    expect(checks.locator("[data-content-checker-name]")).to_have_text(
        "Image alt text has inappropriate pattern"
    )
    toggle_counter = page.locator(
        '[data-side-panel-toggle="checks"] [data-side-panel-toggle-counter]'
    )
    expect(toggle_counter).to_have_text("1")
    screenshot(page, "checks-panel-with-an-issue")
