"""What an editor types while an autosave is on its way is autosaved too: Wagtail counted
it as saved when that autosave came back."""

import re

from playwright.sync_api import expect

from tests.browser.admin import log_in
from tests.browser.test_editor import (
    AUTOSAVE_TIMEOUT_MS,
    autosaved,
    start_new_review,
)


def test_a_change_typed_while_an_autosave_is_on_its_way_is_autosaved(page, api, cms_url):
    log_in(page, cms_url)
    start_new_review(page, api, cms_url, "Her, saved on a slow line")
    teaser = page.get_by_role("textbox", name="Teaser")
    with autosaved(page):
        teaser.fill("A first thought.")
    expect(page).to_have_url(re.compile("/edit/$"))
    # The next autosave waits on its way until the test lets it arrive; later ones do not.
    page.evaluate(
        """() => {
            window.autosaves = 0;
            document.addEventListener("w-autosave:save", () => { window.autosaves += 1 });
            const send = window.fetch;
            let held = false;
            window.fetch = (url, options = {}) => {
                if (held || (options.method || "").toUpperCase() !== "POST") {
                    return send(url, options);
                }
                held = true;
                return new Promise((arrive) => { window.letAutosaveArrive = arrive })
                    .then(() => send(url, options));
            };
        }"""
    )

    teaser.fill("A second thought.")
    page.wait_for_function("() => window.letAutosaveArrive !== undefined")
    # Typed the moment before the autosave arrives: too soon for Wagtail to notice.
    teaser.fill("A third thought, typed while the second was being saved.")
    page.evaluate("window.letAutosaveArrive()")

    page.wait_for_function("() => window.autosaves >= 2", timeout=AUTOSAVE_TIMEOUT_MS)
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )
    page.reload()
    expect(page.get_by_role("textbox", name="Teaser")).to_have_value(
        "A third thought, typed while the second was being saved."
    )
