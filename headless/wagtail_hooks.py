from wagtail import hooks

from .rich_text import AbsoluteDocumentLinkHandler, FrontendPageLinkHandler


# After Wagtail's own handlers (order 0), so that these replace them.
@hooks.register("register_rich_text_features", order=1)
def register_headless_link_handlers(features):
    features.register_link_type(FrontendPageLinkHandler)
    features.register_link_type(AbsoluteDocumentLinkHandler)
