"""Page serialisation for the API that puts every page address at the frontend.

``HeadlessPageMixin`` does that for pages loaded as their own type; these fields do
it for the plain ``Page`` objects that Wagtail's API serialises too: the items of an
untyped listing, a page's parent and the page an alias copies.
"""

from functools import cache

from wagtail.api.v2 import serializers
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from headless.models import frontend_url_parts
from headless.visibility import is_public_media


class PageHtmlUrlField(serializers.PageHtmlUrlField):
    """A page's address on the frontend (``FRONTEND_URL``), or null where it has none.

    Example:
    "html_url": "http://localhost:8020/reviews/her-arcade-fire-owen-pallett/"
    """

    def to_representation(self, page):
        return frontend_html_url(page)


def frontend_html_url(page):
    """A page's address on the frontend, or None where no site holds it."""
    url_parts = frontend_url_parts(page.get_url_parts())
    if url_parts is None or url_parts[2] is None:
        return None
    _site_id, root_url, page_path = url_parts
    return root_url + page_path


class PageParentField(serializers.PageParentField):
    """The parent page, if it is public, with its ``html_url`` at the frontend.

    Example:
    "parent": {
        "id": 4,
        "meta": {"type": "content.ReviewIndexPage", "detail_url": "…/api/v2/pages/4/",
                 "html_url": "http://localhost:8020/reviews/"},
        "title": "Reviews"
    }
    """

    def get_attribute(self, page):
        # One query, where Wagtail's field takes two: the parent, then whether it is public.
        if page.is_root():
            return None
        parent_path = page.path[: -page.steplen]
        return self.context["base_queryset"].filter(path=parent_path).first()

    def to_representation(self, page):
        return page_link(page, self.context)


class PageAliasOfField(serializers.PageAliasOfField):
    """The page an alias copies, shaped like ``parent``."""

    def to_representation(self, page):
        return page_link(page, self.context)


def page_link(page, context):
    """Another page's id, type, addresses and title, as Wagtail's API shows it, from a
    plain ``Page``: this module's ``html_url`` needs no query for its specific type."""
    return page_link_serializer_class(type(page))(context=context).to_representation(page)


@cache
def page_link_serializer_class(model):
    return serializers.get_serializer_class(
        model,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PageSerializer,
    )


class RelatedField(serializers.RelatedField):
    """A related object (a foreign key), as its endpoint's nested serializer shows it; null
    for an image or a document the public may not see, as its endpoint hides it.

    Example:
    "hero_image": {"id": 6, "meta": {"type": "wagtailimages.Image", …}, "title": "…"}
    """

    def to_representation(self, value):
        if isinstance(value, get_image_model() | get_document_model()) and not is_public_media(
            value, self.context
        ):
            return None
        return super().to_representation(value)


class PageSerializer(serializers.PageSerializer):
    serializer_related_field = RelatedField
    html_url = PageHtmlUrlField(read_only=True)
    parent = PageParentField(read_only=True)
    alias_of = PageAliasOfField(read_only=True)
