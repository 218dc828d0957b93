"""A reader replies to a review in the reference frontend; a moderator approves it in the
admin; the reader sees it published, markup and all shown as text."""

import re

from playwright.sync_api import expect

from tests.browser.admin import log_in

HER_REVIEW = "/reviews/her-arcade-fire-owen-pallett/"


def reply_form(page):
    return page.locator("form.reply-form")


def test_a_reader_sees_the_published_replies_threaded_with_the_staff_marked(
    page, frontend_url, screenshot
):
    page.goto(frontend_url + HER_REVIEW)

    replies = page.locator(".replies")
    expect(replies.locator(".reply-list > .reply > .reply-meta .reply-name")).to_contain_text(
        ["Maya Lindqvist", "Tomasz Wrona"]
    )
    answer = replies.locator(".reply-answers .reply").first
    expect(answer).to_contain_text("Liner Notes")
    expect(answer.locator(".staff-badge")).to_have_text("Staff")
    expect(replies).not_to_contain_text("vinyl pressing")  # pending
    expect(replies.get_by_role("link", name="Tomasz Wrona")).to_have_attribute(
        "rel", "nofollow ugc noopener"
    )
    expect(reply_form(page)).to_contain_text("Your email address will not be published.")
    screenshot(page, "replies")


def test_a_reader_posts_an_editor_approves_and_the_reader_sees_it_as_text(
    page, browser, frontend_url, cms_url, screenshot
):
    markup = '<script>document.title="hacked"</script><b>bold?</b>'
    page.goto(frontend_url + HER_REVIEW)
    form = reply_form(page)
    form.get_by_label("Reply").fill(f"Second paragraph next.\n\nThe markup stays text: {markup}")
    form.get_by_label("Name").fill("Ada <i>Lovelace</i>")
    form.get_by_label("Email").fill("ada@example.com")
    form.get_by_role("button", name="Post Reply").click()

    expect(page.get_by_role("status")).to_contain_text("Your reply awaits moderation")
    screenshot(page, "awaiting-moderation")
    page.reload()
    expect(page.locator(".replies")).not_to_contain_text("Ada")

    editor = browser.new_context().new_page()
    log_in(editor, cms_url, "moderator")
    editor.get_by_role("link", name=re.compile(r"Replies")).first.click()
    row = editor.locator("tr", has_text="Ada <i>Lovelace</i>")
    screenshot(editor, "replies-listing")
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name="Approve").click()
    editor.get_by_role("button", name="Approve").click()
    expect(editor.get_by_text("1 reply is now approved.")).to_be_visible()
    editor.context.close()

    page.reload()
    reply = page.locator(".reply", has_text="Second paragraph next.")
    expect(reply.locator(".reply-name")).to_have_text("Ada <i>Lovelace</i>")
    expect(reply.locator(".reply-body p")).to_have_text(
        ["Second paragraph next.", f"The markup stays text: {markup}"]
    )
    expect(reply.locator("script, b, i")).to_have_count(0)
    assert page.title() != "hacked"
    screenshot(page, "approved")


def test_field_errors_show_next_to_their_fields(page, frontend_url, screenshot):
    page.goto(frontend_url + HER_REVIEW)
    form = reply_form(page)
    form.get_by_label("Email").fill("not an address")
    form.get_by_role("button", name="Post Reply").click()

    expect(form.locator("#reply-body-error")).to_have_text("Write your reply.")
    expect(form.locator("#reply-name-error")).to_have_text("Give the name to show with your reply.")
    expect(form.locator("#reply-email-error")).to_have_text("Enter a valid email address.")
    expect(form.locator("#reply-website-error")).to_be_hidden()
    expect(form.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("Reply")).to_be_focused()
    screenshot(page, "field-errors")

    form.get_by_label("Reply").fill("Now with text.")
    form.get_by_label("Name").fill("Ben")
    form.get_by_label("Email").fill("ben@example.com")
    form.get_by_role("button", name="Post Reply").click()
    expect(page.get_by_role("status")).to_contain_text("Your reply awaits moderation")


def test_a_reader_answers_a_reply_then_writes_another(page, frontend_url):
    page.goto(frontend_url + HER_REVIEW)
    form = reply_form(page)
    opener = page.get_by_role("button", name="Reply to Tomasz Wrona")
    opener.click()
    expect(form.get_by_role("heading")).to_have_text("Reply to Tomasz Wrona")
    form.get_by_role("button", name="Cancel").click()
    expect(form.get_by_role("heading")).to_have_text("Leave a Reply")
    expect(opener).to_be_focused()

    opener.click()
    expect(form.get_by_label("Reply")).to_be_focused()
    expect(form.get_by_label("Reply")).to_have_accessible_description(
        re.compile("Replying to Tomasz Wrona.")
    )
    form.get_by_label("Reply").fill("Five stars from me too.")
    form.get_by_label("Name").fill("Cleo")
    form.get_by_label("Email").fill("cleo@example.com")
    form.get_by_role("button", name="Post Reply").click()

    status = page.get_by_role("status")
    expect(status).to_contain_text("Your reply awaits moderation")
    expect(status).to_be_focused()
    expect(form.get_by_role("heading")).to_have_text("Leave a Reply")
    expect(form.get_by_label("Reply")).to_have_value("")
    expect(form.get_by_label("Name")).to_have_value("Cleo")
    form.get_by_label("Reply").fill("And a second thought, for the review itself.")
    form.get_by_role("button", name="Post Reply").click()
    expect(status).to_be_focused()
