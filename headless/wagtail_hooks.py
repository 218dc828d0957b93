from wagtail import hooks

from .rich_text import (
    AbsoluteDocumentLinkHandler,
    FrontendPageLinkHandler,
    IdCheckedPageLinkElementHandler,
    KnownFormatImageElementHandler,
    KnownFormatImageEmbedHandler,
)


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
