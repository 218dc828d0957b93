"""The mixin that makes a page type headless, and the preview tokens it hands out."""

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.signing import BadSignature
from django.shortcuts import redirect
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessMixin, HeadlessPreviewMixin, PagePreview
from wagtail_headless_preview.signals import preview_update


class HeadlessPageMixin(HeadlessMixin):
    """Serves, previews and links every page at the frontend (``FRONTEND_URL``).

    Put it first in a page model's bases. Page URLs (``full_url``, the API's
    ``html_url``, "View live" in the admin) then point at the frontend, and a
    request for a page on the CMS itself redirects there. Previews redirect to the
    frontend (``FRONTEND_PREVIEW_URL``) with a token that ``/api/v2/page_preview/`` accepts for
    ``PREVIEW_TOKEN_MAX_AGE`` seconds, and only while the editor who previewed may
    still edit the page.
    """

    def get_url_parts(self, request=None):
        return frontend_url_parts(super().get_url_parts(request=request))

    def get_url(self, request=None, current_site=None):
        # Wagtail shortens the URL to a path on a single-site install, but that path
        # would lead to the CMS, not to the frontend where the page lives.
        return self.get_full_url(request=request)

    url = property(get_url)

    def with_content_json(self, content):
        # A revision keeps times as JSON, to the millisecond: the page's first publication
        # stays as the page has it, exact, when a draft is published.
        page = super().with_content_json(content)
        page.first_published_at = self.first_published_at
        return page

    @classmethod
    def check_preview_token(cls, token):
        """What a token names, e.g. ``{"id": "5", "editor": "2"}``, or ``{"parent_id": …,
        "page_type": …, "editor": …}`` for a page never saved.

        Raises ``SignatureExpired`` or ``BadSignature`` unless the token is good now.
        """
        identifier = cls.get_preview_signer().unsign(token, max_age=settings.PREVIEW_TOKEN_MAX_AGE)
        claims = dict(part.partition("=")[::2] for part in identifier.split(";"))
        if not claims.get("editor", "").isdigit():
            raise BadSignature("the token names no editor")
        return claims

    def create_page_preview(self, editor):
        """Stores this draft under a token that names the page and the editor."""
        if self.pk is None:
            identifier = f"parent_id={self.get_parent().pk};page_type={self._meta.label}"
        else:
            identifier = f"id={self.pk}"
        token = self.get_preview_signer().sign(f"{identifier};editor={editor.pk}")
        preview, _created = self.update_page_preview(token)
        return preview

    def serve_preview(self, request, mode_name):
        delete_expired_previews()
        preview = self.create_page_preview(editor=request.user)
        preview_update.send(sender=HeadlessPreviewMixin, token=preview.token)
        return redirect(self.get_preview_url(request, preview.token))

    def get_preview_url(self, request, token):
        """Where the frontend shows the draft: ``FRONTEND_PREVIEW_URL``, with the page
        type, the token and the draft's path on the frontend filled in."""
        return settings.FRONTEND_PREVIEW_URL.format(
            content_type=quote(self.get_content_type_str(), safe=""),
            token=quote(token, safe=""),
            path=quote(self.frontend_path()),
        )

    def frontend_path(self):
        """The page's path on the frontend as the draft would have it (its slug may be
        new, the page itself not yet saved): ``/reviews/her/``."""
        parent = self.get_parent()
        url_parts = parent.specific.get_url_parts() if parent else None
        if url_parts is None or url_parts[2] is None:  # the site's root page
            return "/"
        return f"{url_parts[2]}{self.slug}/"


def frontend_url_parts(url_parts):
    """Wagtail's ``get_url_parts()`` of a page, with the frontend as the site's root URL."""
    if url_parts is None or url_parts[2] is None:
        return url_parts
    site_id, _cms_root_url, page_path = url_parts
    return site_id, settings.FRONTEND_URL, page_path


def editor_may_still_edit(claims):
    """Whether the editor named in a preview token may, now, edit the page it previews
    (or add it under its parent, for a page never saved)."""
    editor = get_user_model().objects.filter(pk=claims["editor"], is_active=True).first()
    page_id = claims.get("id") or claims.get("parent_id", "")
    page = Page.objects.filter(pk=page_id).first() if page_id.isdigit() else None
    if editor is None or page is None:
        return False
    permissions = page.permissions_for_user(editor)
    return permissions.can_edit() if "id" in claims else permissions.can_add_subpage()


def delete_expired_previews():
    """Deletes the drafts stored for preview tokens that no longer open them."""
    expired_ids = []
    for preview_id, token in PagePreview.objects.values_list("id", "token"):
        try:
            HeadlessPageMixin.check_preview_token(token)
        except BadSignature:
            expired_ids.append(preview_id)
    PagePreview.objects.filter(id__in=expired_ids).delete()
