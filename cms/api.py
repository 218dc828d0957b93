"""The public read API, Wagtail API v2, mounted at /api/v2/."""

from django.db.models import Q
from django.http import JsonResponse
from wagtail.api.v2.filters import OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2 import views as documents_views
from wagtail.images.api.v2 import views as images_views
from wagtail.models import CollectionViewRestriction

from content import openapi
from content.api import PagesAPIViewSet
from content.api_cache import CachedResponsesMixin

from .api_validation import ClientErrorsMixin, FieldsFilter
from .preview import PagePreviewAPIViewSet
from .throttling import RateLimitedMixin


class PublicCollectionsMixin:
    """For the images and documents endpoints: only what lies in collections open to all.

    Wagtail's endpoints hide a restricted collection from requests that cannot open it,
    but show it to a session that can (logged in, say). Here any restriction keeps a
    collection, and those under it, out of the public API, so that no session sees
    them there or puts them into the cache that every client shares.
    """

    def get_queryset(self):
        restricted = Q()
        for restriction in CollectionViewRestriction.objects.select_related("collection"):
            restricted |= Q(collection__path__startswith=restriction.collection.path)
        queryset = super().get_queryset()
        return queryset.exclude(restricted) if restricted else queryset


@openapi.document_actions(openapi.IMAGES)
class ImagesAPIViewSet(
    RateLimitedMixin,
    CachedResponsesMixin,
    ClientErrorsMixin,
    PublicCollectionsMixin,
    images_views.ImagesAPIViewSet,
):
    cache_list_tags = ["image:list"]
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]


@openapi.document_actions(openapi.DOCUMENTS)
class DocumentsAPIViewSet(
    RateLimitedMixin,
    CachedResponsesMixin,
    ClientErrorsMixin,
    PublicCollectionsMixin,
    documents_views.DocumentsAPIViewSet,
):
    cache_list_tags = ["document:list"]
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]


# The namespace Wagtail's frontend cache invalidation reverses API URLs in.
api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
# After "pages", which stays the endpoint that page detail URLs point at.
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)


def endpoint_not_found(request):
    """Any other address under /api/: a JSON 404, as API clients expect, not an HTML page."""
    return JsonResponse({"message": "there is no API endpoint at this address"}, status=404)
