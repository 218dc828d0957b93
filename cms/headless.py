from django.conf import settings
from wagtail_headless_preview.models import HeadlessMixin


class HeadlessPageMixin(HeadlessMixin):
    """Serves, previews and links every page at the frontend (``FRONTEND_URL``).

    Put it first in a page model's bases. Page URLs (``full_url``, the API's
    ``html_url``, "View live" in the admin) then point at the frontend, and a
    request for a page on the CMS itself redirects there.
    """

    def get_url_parts(self, request=None):
        url_parts = super().get_url_parts(request=request)
        if url_parts is None or url_parts[2] is None:
            return url_parts
        site_id, _cms_root_url, page_path = url_parts
        return site_id, settings.FRONTEND_URL, page_path
