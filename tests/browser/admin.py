"""What the browser tests do in Wagtail's admin, as an editor does it."""

import json

from django.conf import settings
from playwright.sync_api import expect


def log_in(page, cms_url, username=settings.DEMO_EDITOR_USERNAME):
    """Logs in with one of the demo's accounts: the editor's unless ``username`` says
    "moderator" (who publishes) or "admin"."""
    page.goto(f"{cms_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(settings.DEMO_EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{cms_url}/admin/")


def form_values(page, form):
    """What the edit form would post, field by field, but Wagtail's bookkeeping (the
    CSRF token, the revision it was loaded from) and rich text, whose editor gives
    each paragraph a new random key every time it loads."""
    entries = page.locator(form).evaluate(
        "form => Array.from(new FormData(form).entries(), ([name, value]) => [name, String(value)])"
    )
    bookkeeping = {"csrfmiddlewaretoken", "loaded_revision_id", "loaded_revision_created_at"}
    return [
        (name, value)
        for name, value in entries
        if name not in bookkeeping and not is_rich_text(value)
    ]


def is_rich_text(value):
    """Whether a form value is the rich text editor's (Draft.js) content state."""
    try:
        content = json.loads(value)
    except ValueError:
        return False
    return isinstance(content, dict) and "blocks" in content and "entityMap" in content


def opened(block):
    """A body block, opened by its header as an editor opens it: a review opens with
    every block collapsed to its label."""
    toggle = block.locator("[data-panel-toggle]").first
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    return block
