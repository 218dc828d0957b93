"""Rich text links for a headless site: pages open in the frontend, files on the CMS."""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.html import escape
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler


class FrontendPageLinkHandler(PageLinkHandler):
    """Links to a page at its frontend URL, e.g. http://localhost:8020/reviews/her/."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(page.localized.full_url)}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]


class AbsoluteDocumentLinkHandler(DocumentLinkHandler):
    """Links to a document at its absolute URL on the CMS, which serves the file."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(urljoin(settings.CMS_BASE_URL, document.url))}">'
            if document
            else "<a>"
            for document in cls.get_many(attrs_list)
        ]
