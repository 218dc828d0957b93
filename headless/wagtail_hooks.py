from wagtail import hooks

from .rich_text import (
    AbsoluteDocumentLinkHandler,
    FrontendPageLinkHandler,
    IdCheckedPageLinkElementHandler,
    KnownFormatImageElementHandler,
    KnownFormatImageEmbedHandler,
)
from .userbar import with_headless_content_checker


# After Wagtail's own (order 0), so that these replace its handlers.
@hooks.register("register_rich_text_features", order=1)
def register_headless_rich_text(features):
    features.register_link_type(FrontendPageLinkHandler)
    features.register_link_type(AbsoluteDocumentLinkHandler)
    features.register_embed_type(KnownFormatImageEmbedHandler)
    # The editor reads what the database holds through these.
    replace_editor_handler(
        features, "link", 'a[linktype="page"]', IdCheckedPageLinkElementHandler("LINK")
    )
    replace_editor_handler(
        features, "image", 'embed[embedtype="image"]', KnownFormatImageElementHandler()
    )


def replace_editor_handler(features, feature, selector, handler):
    """Wagtail's rule for a feature in the editor (contentstate), with the handler of one
    kind of element in the database replaced."""
    rule = features.converter_rules_by_converter["contentstate"][feature]
    features.register_converter_rule(
        "contentstate",
        feature,
        {**rule, "from_database_format": {**rule["from_database_format"], selector: handler}},
    )


# The editor's Checks panel and the frontend's user bar both read axe's configuration
# from the user bar's items: ours lets axe answer across the CMS's and frontend's origins.
@hooks.register("construct_wagtail_userbar")
def check_content_across_origins(request, items, page):
    items[:] = with_headless_content_checker(items)
