"""Page serialisation for the API that puts every page address at the frontend.

``HeadlessPageMixin`` does that for pages loaded as their own type; these fields do
it for the plain ``Page`` objects that Wagtail's API serialises too: the items of an
untyped listing, a page's parent and the page an alias copies.
"""

from wagtail.api.v2 import serializers

from .headless import frontend_url_parts


class PageHtmlUrlField(serializers.PageHtmlUrlField):
    """A page's address on the frontend (``FRONTEND_URL``), or null where it has none.

    Example:
    "html_url": "http://localhost:8020/reviews/her-arcade-fire-owen-pallett/"
    """

    def to_representation(self, page):
        url_parts = frontend_url_parts(page.get_url_parts())
        if url_parts is None or url_parts[2] is None:
            return None
        _site_id, root_url, page_path = url_parts
        return root_url + page_path


class PageParentField(serializers.PageParentField):
    """The parent page, loaded as its own type so that its ``html_url`` is the frontend's.

    Example:
    "parent": {
        "id": 4,
        "meta": {"type": "content.ReviewIndexPage", "detail_url": "…/api/v2/pages/4/",
                 "html_url": "http://localhost:8020/reviews/"},
        "title": "Reviews"
    }
    """

    def get_attribute(self, instance):
        parent = super().get_attribute(instance)
        return parent.specific if parent is not None else None


class PageAliasOfField(serializers.PageAliasOfField):
    """The page an alias copies, loaded as its own type, shaped like ``parent``."""

    def get_attribute(self, instance):
        original = super().get_attribute(instance)
        return original.specific if original is not None else None


class PageSerializer(serializers.PageSerializer):
    html_url = PageHtmlUrlField(read_only=True)
    parent = PageParentField(read_only=True)
    alias_of = PageAliasOfField(read_only=True)
