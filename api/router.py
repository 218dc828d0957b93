"""The endpoints of the public API, mounted at /api/v2/ by ``api.urls``."""

from wagtail.api.v2.router import WagtailAPIRouter

from .preview import PagePreviewAPIViewSet
from .views import DocumentsAPIViewSet, ImagesAPIViewSet, PagesAPIViewSet

# The namespace Wagtail's frontend cache invalidation reverses API URLs in.
api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
# After "pages", which stays the endpoint that page detail URLs point at.
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
