"""Wagtail's user bar in the frontend's preview, so that the editor's Checks panel works.

The page editor's Checks panel (accessibility issues, word count, reading time,
readability) gets its results from the page in the preview iframe: Wagtail's user bar
script there runs axe on the page and tells the editor "w-userbar:axe-ready"; the
editor then runs axe into the iframe, and asks it for the text of its ``<main>``,
through axe's own cross-frame messages. On our headless site the iframe shows the
frontend, which loads the user bar from ``/api/v2/page_preview/userbar/``
(``render_preview_userbar``) with the preview token it was given.

Axe answers frames of its own origin only. ``HeadlessContentCheckerItem`` allows the
CMS's and the frontend's origins too, on both sides: the editor's axe and the user bar's
read their configuration from the same item (``construct_wagtail_userbar``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.admin.userbar import AccessibilityItem, ContentCheckerItem, Userbar


class HeadlessContentCheckerItem(ContentCheckerItem):
    """Wagtail's content checker, talking across the CMS's and the frontend's origins."""

    def get_axe_spec(self, request):
        spec = super().get_axe_spec(request)
        frontend_origins = settings.CORS_ALLOWED_ORIGINS
        allowed = ["<same_origin>", origin(settings.CMS_BASE_URL), *frontend_origins]
        return {**spec, "allowedOrigins": list(dict.fromkeys(allowed))}


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def with_headless_content_checker(items):
    """The user bar's items, with Wagtail's own content checker replaced by ours."""
    return [
        HeadlessContentCheckerItem(in_editor=item.in_editor)
        if type(item) in (ContentCheckerItem, AccessibilityItem)
        else item
        for item in items
    ]


def render_preview_userbar(request, page, editor, in_preview_panel):
    """Wagtail's user bar for ``editor``'s preview of ``page``, as HTML for the frontend
    to put in the page: a template, the ``<wagtail-userbar>`` element and the scripts
    that run it, all with absolute URLs on this host. In the admin's preview panel it
    is hidden and holds the content checker alone."""
    request.user = editor
    request.in_preview_panel = in_preview_panel
    return Userbar(object=page).render_html({"request": request})
