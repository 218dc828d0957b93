"""A frontend developer reads the API's docs page: it renders, and loads nothing from
other hosts."""

from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_the_docs_page_renders_from_this_server_alone(page, cms_url, screenshot):
    requested, refused_by_the_page = set(), set()
    page.on("request", lambda request: requested.add(request.url))
    page.on(
        "requestfailed",
        lambda request: refused_by_the_page.add(request.url) if request.failure == "csp" else None,
    )

    page.goto(f"{cms_url}/api/docs/")

    expect(page.get_by_role("heading", name="Liner Notes API")).to_be_visible()
    expect(page.get_by_text("Published pages").first).to_be_visible()
    screenshot(page, "api-docs")
    # Redoc's worker comes from a blob: address, its own; the logo in its footer comes
    # from its makers' site, which the page's Content-Security-Policy refuses.
    elsewhere = {
        url
        for url in requested - refused_by_the_page
        if urlsplit(url).netloc not in ("", urlsplit(cms_url).netloc)
    }
    assert elsewhere == set()
