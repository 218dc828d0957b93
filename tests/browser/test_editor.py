"""An editor writes a draft in the admin, previews it in the frontend, then publishes it."""

import re
from contextlib import contextmanager

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.admin import log_in, opened

# Wagtail's admin takes a snapshot of the form two seconds after it loads and sends
# the live preview only what changes after that.
WAGTAIL_CHANGE_TRACKING_DELAY_MS = 2_500
AUTOSAVE_TIMEOUT_MS = 45_000


def add_block(page, kind):
    """Appends a block to the review's body and returns it once it is on the page."""
    body = page.get_by_role("region", name="Body*")
    blocks_of_kind = body.get_by_role("region", name=re.compile(f"^{kind}"))
    count = blocks_of_kind.count()
    body.get_by_title("Insert a block").last.click()
    page.get_by_role("option", name=kind).click()
    expect(blocks_of_kind).to_have_count(count + 1)
    return blocks_of_kind.nth(count)


def write_rich_text(block, text):
    """Types into a block's rich text editor, then waits until the editor has put the
    text into the form, which Draftail does a quarter of a second after each change."""
    editor = block.locator("[data-draftail-editor-wrapper]")
    editor.locator("[contenteditable=true]").click()
    editor.locator("[contenteditable=true]").press_sequentially(text)
    form_value = editor.locator("xpath=preceding-sibling::input[@type='hidden'][1]")
    expect(form_value).to_have_value(re.compile(re.escape(text)))


@contextmanager
def autosaved(page):
    """Waits, after the change made inside it, until Wagtail has autosaved that change,
    as an editor waits for the indicator's "Saved" before pressing a button. A button
    pressed while the first autosave is creating the page posts the add form again, and
    Wagtail refuses it as a second page of the same slug."""
    page.evaluate(
        """() => {
            window.autosaveStarted = false;
            window.autosaveEvents = [];
            document.addEventListener(
                "w-autosave:save", () => { window.autosaveStarted = true }, { once: true }
            );
            for (const name of ["save", "success", "error", "deactivated"]) {
                document.addEventListener(`w-autosave:${name}`, (event) => {
                    window.autosaveEvents.push(`${name} ${event.detail?.text ?? ""}`);
                });
            }
        }"""
    )
    yield
    # The first autosave of a server just started creates the page and can be slow.
    try:
        page.wait_for_function("() => window.autosaveStarted", timeout=AUTOSAVE_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        events = page.evaluate("window.autosaveEvents")
        state = page.locator("#w-autosave-indicator").get_attribute("data-w-autosave-state-value")
        raise AssertionError(f"no autosave: events {events}, indicator {state}") from None
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved")


def start_new_review(page, api, cms_url, title):
    """Opens a new review under Reviews and gives it its headline, once Wagtail has taken
    its snapshot of the form: what changes before that is part of it, not a change, and
    is never autosaved."""
    reviews_index = api("pages/?type=content.ReviewIndexPage")["items"][0]
    page.goto(f"{cms_url}/admin/pages/{reviews_index['id']}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_timeout(WAGTAIL_CHANGE_TRACKING_DELAY_MS)
    page.get_by_role("textbox", name="Headline*").fill(title)


def write_draft_review(page, api, title, film):
    """Adds a review under Reviews with an intro, two tracks and a conclusion, and
    saves it as a draft, through the admin's own forms."""
    reviews_index = api("pages/?type=content.ReviewIndexPage")["items"][0]
    page.goto(page.url.replace("/admin/", f"/admin/pages/{reviews_index['id']}/"))
    page.get_by_role("link", name="Add child page").first.click()

    page.get_by_role("textbox", name="Headline*").fill(title)
    page.get_by_role("button", name="Choose film").click()
    page.get_by_role("dialog").get_by_role("link", name=film).click()
    page.get_by_role("textbox", name="Teaser").fill("A second listen, before it goes out.")

    write_rich_text(add_block(page, "Intro"), "A draft intro that no reader has seen yet.")
    for track_title in ("Sleepwalker", "Photograph"):
        track = add_block(page, "Track commentary")
        track.get_by_label("Track title").fill(track_title)
        write_rich_text(track, f"Draft notes on {track_title}.")
    conclusion = add_block(page, "Conclusion")
    write_rich_text(conclusion, "A draft conclusion.")
    with autosaved(page):
        conclusion.get_by_label("One-line verdict").fill("Worth the wait.")

    page.get_by_role("button", name="Save draft").click()
    # Wagtail autosaves as the editor types, so the page exists before Save draft.
    saved = re.compile(rf"Page '{re.escape(title)}' (created|has been updated)")
    expect(page.get_by_text(saved)).to_be_visible()


def test_editor_previews_a_draft_in_the_frontend_while_readers_cannot_see_it(
    page, api, cms_url, frontend_url, screenshot
):
    title = "Her, before publication"
    log_in(page, cms_url)
    write_draft_review(page, api, title, film="Her (2013)")
    screenshot(page, "draft-saved")

    page.get_by_role("button", name="Toggle preview").click()

    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_text("Preview, not published")).to_be_visible()
    expect(preview.get_by_role("heading", level=1)).to_have_text(title)
    expect(preview.locator(".intro")).to_have_text("A draft intro that no reader has seen yet.")
    expect(preview.locator(".track-card h2")).to_have_text(["Sleepwalker", "Photograph"])
    expect(preview.locator(".commentary").last).to_have_text("Draft notes on Photograph.")
    expect(preview.locator(".conclusion")).to_contain_text("A draft conclusion.")
    expect(preview.locator(".verdict")).to_have_text("Worth the wait.")
    screenshot(page, "preview-panel")

    page.wait_for_timeout(WAGTAIL_CHANGE_TRACKING_DELAY_MS)
    conclusion = page.get_by_role("region", name=re.compile("^Conclusion"))
    opened(conclusion).get_by_label("One-line verdict").fill("Worth every minute of the wait.")
    expect(preview.locator(".verdict")).to_have_text("Worth every minute of the wait.")
    screenshot(page, "preview-panel-after-edit")

    listing = api("pages/?type=content.FilmReviewPage&limit=100")["items"]
    assert title not in [review["title"] for review in listing]
    assert api(f"pages/?type=content.FilmReviewPage&search={title.split(',')[0]}")["items"]
    reader = page.context.new_page()
    reader.goto(frontend_url)
    expect(reader.locator(".review-card").first).to_be_visible()
    expect(reader.locator("main")).not_to_contain_text(title)
    screenshot(reader, "frontend-list-without-draft")


def test_editor_publishes_and_the_review_joins_the_frontend_list(
    page, api, cms_url, frontend_url, screenshot
):
    title = "The Social Network, heard again"
    log_in(page, cms_url, username="moderator")
    write_draft_review(page, api, title, film="The Social Network (2010)")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Page '{title}' has been published.")).to_be_visible()

    page.goto(frontend_url)
    expect(page.locator(".review-card h2").first).to_have_text(title)
    screenshot(page, "frontend-list-with-review")
    page.get_by_role("link", name=title).click()
    expect(page.locator(".track-card h2")).to_have_text(["Sleepwalker", "Photograph"])
    expect(page.locator(".preview-banner")).to_be_hidden()


def test_an_intro_alone_is_autosaved_and_saved_as_a_draft_that_says_what_it_lacks(
    page, api, cms_url, screenshot
):
    intro = "An intro written before anything else, " * 12
    log_in(page, cms_url)
    start_new_review(page, api, cms_url, "Arrival, a first thought")

    with autosaved(page):
        write_rich_text(add_block(page, "Intro"), intro.strip())
    page.get_by_role("button", name="Save draft").click()

    warning = page.locator(".messages .warning")
    expect(warning).to_contain_text("Before it can be published or submitted")
    expect(warning).to_contain_text("Film: this field is required.")
    expect(warning).to_contain_text("Add at least one track commentary.")
    screenshot(page, "draft-with-intro-alone")
    page.reload()
    expect(page.locator("[data-draftail-editor-wrapper]").first).to_contain_text(intro.strip())


def test_a_reader_at_a_reviews_old_address_reaches_it_at_its_new_one(
    page, api, cms_url, frontend_url, screenshot
):
    title = "The Social Network, in a new place"
    log_in(page, cms_url, username="moderator")
    write_draft_review(page, api, title, film="The Social Network (2010)")
    edit_url = page.url
    page.get_by_role("tab", name="Promote").click()
    page.get_by_label("Slug").fill("moved-review")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Page '{title}' has been published.")).to_be_visible()
    # Renamed once published: the address readers had was the one before.
    page.goto(edit_url)
    page.get_by_role("tab", name="Promote").click()
    page.get_by_label("Slug").fill("settled-review")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Page '{title}' has been published.")).to_be_visible()

    reader = page.context.new_page()
    reader.goto(f"{frontend_url}/reviews/moved-review/")

    expect(reader.get_by_role("heading", level=1)).to_have_text(title)
    expect(reader).to_have_url(f"{frontend_url}/reviews/settled-review/")
    canonical = reader.locator('link[rel="canonical"]')
    expect(canonical).to_have_attribute("href", f"{frontend_url}/reviews/settled-review/")
    screenshot(reader, "old-address-redirected")
