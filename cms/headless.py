from django.conf import settings
from django.core.signing import BadSignature
from wagtail_headless_preview.models import HeadlessMixin, PagePreview


class HeadlessPageMixin(HeadlessMixin):
    """Serves, previews and links every page at the frontend (``FRONTEND_URL``).

    Put it first in a page model's bases. Page URLs (``full_url``, the API's
    ``html_url``, "View live" in the admin) then point at the frontend, and a
    request for a page on the CMS itself redirects there. Previews redirect to the
    frontend with a token that ``/api/v2/page_preview/`` accepts for
    ``PREVIEW_TOKEN_MAX_AGE`` seconds.
    """

    def get_url_parts(self, request=None):
        return frontend_url_parts(super().get_url_parts(request=request))

    def get_url(self, request=None, current_site=None):
        # Wagtail shortens the URL to a path on a single-site install, but that path
        # would lead to the CMS, not to the frontend where the page lives.
        return self.get_full_url(request=request)

    url = property(get_url)

    @classmethod
    def check_preview_token(cls, token):
        """Raises ``SignatureExpired`` or ``BadSignature`` unless the token is good now."""
        cls.get_preview_signer().unsign(token, max_age=settings.PREVIEW_TOKEN_MAX_AGE)

    def serve_preview(self, request, mode_name):
        delete_expired_previews()
        return super().serve_preview(request, mode_name)


def frontend_url_parts(url_parts):
    """Wagtail's ``get_url_parts()`` of a page, with the frontend as the site's root URL."""
    if url_parts is None or url_parts[2] is None:
        return url_parts
    site_id, _cms_root_url, page_path = url_parts
    return site_id, settings.FRONTEND_URL, page_path


def delete_expired_previews():
    """Deletes the drafts stored for preview tokens that no longer open them."""
    expired_ids = []
    for preview_id, token in PagePreview.objects.values_list("id", "token"):
        try:
            HeadlessPageMixin.check_preview_token(token)
        except BadSignature:
            expired_ids.append(preview_id)
    PagePreview.objects.filter(id__in=expired_ids).delete()
