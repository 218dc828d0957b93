"""Rich text for a headless site: how its links and images come out.

Pages open in the frontend, files on the CMS. A link or an image that names nothing
renders harmlessly rather than failing the page it is in; what the public may not see
is taken out before (``headless.references.public_source``), and kept out of text that
is saved (``broken_references``). Registered in ``wagtail_hooks``.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.html import escape
from wagtail.admin.rich_text.converters.contentstate_models import Entity
from wagtail.admin.rich_text.converters.html_to_contentstate import PageLinkElementHandler
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.formats import get_image_formats
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.images.rich_text.contentstate import ImageElementHandler
from wagtail.rich_text.pages import PageLinkHandler

from .references import is_id


class ExistingObjectsMixin:
    """For link and embed handlers: an ``id`` that is not a whole number names nothing."""

    @classmethod
    def get_many(cls, attrs_list):
        return super().get_many(
            [
                {**attrs, "id": attrs.get("id") if is_id(attrs.get("id")) else None}
                for attrs in attrs_list
            ]
        )


class FrontendPageLinkHandler(ExistingObjectsMixin, PageLinkHandler):
    """Links to a page at its frontend URL, e.g. http://localhost:8020/reviews/her/; a
    link to no page keeps its text and loses its address."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(page.localized.full_url)}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]


class AbsoluteDocumentLinkHandler(ExistingObjectsMixin, DocumentLinkHandler):
    """Links to a document at its absolute URL on the CMS, which serves the file."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(urljoin(settings.CMS_BASE_URL, document.url))}">'
            if document
            else "<a>"
            for document in cls.get_many(attrs_list)
        ]


class KnownFormatImageEmbedHandler(ExistingObjectsMixin, ImageEmbedHandler):
    """Images in rich text, as Wagtail renders them; one that is gone, or in a format the
    site no longer has, renders as nothing."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        formats = {image_format.name: image_format for image_format in get_image_formats()}
        return [
            formats[attrs["format"]].image_to_html(image, attrs.get("alt", ""))
            if image is not None and attrs.get("format") in formats
            else ""
            for attrs, image in zip(attrs_list, cls.get_many(attrs_list), strict=True)
        ]


class IdCheckedPageLinkElementHandler(PageLinkElementHandler):
    """Wagtail's reading of a page link into the editor, for one whose id is not a number
    too: the editor shows it as a broken link, where Wagtail's would fail the whole edit
    view, and saving asks the editor to link again."""

    def get_attribute_data(self, attrs):
        if is_id(attrs.get("id")):
            return super().get_attribute_data(attrs)
        return {"id": attrs.get("id"), "url": None, "parentId": None}


class KnownFormatImageElementHandler(ImageElementHandler):
    """Wagtail's reading of an image into the editor, for one in a format the site no
    longer has too: the editor shows it without a preview, where Wagtail's would fail
    the whole edit view, and saving asks the editor to insert it again."""

    def create_entity(self, name, attrs, state, contentstate):
        if attrs.get("format") in {image_format.name for image_format in get_image_formats()}:
            return super().create_entity(name, attrs, state, contentstate)
        data = {
            "id": attrs.get("id"),
            "src": "",
            "alt": attrs.get("alt"),
            "format": attrs.get("format"),
        }
        return Entity("IMAGE", "IMMUTABLE", data)
