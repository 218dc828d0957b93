"""The public API's addresses, under /api/: the endpoints, their OpenAPI document and its
docs, and a JSON 404 for anything else."""

from django.http import JsonResponse
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from .router import api_router


def endpoint_not_found(request):
    """Any other address under /api/: a JSON 404, as API clients expect, not an HTML page."""
    return JsonResponse({"message": "there is no API endpoint at this address"}, status=404)


urlpatterns = [
    path("v2/", api_router.urls),
    path("schema/", SpectacularAPIView.as_view(), name="openapi-schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="openapi-schema"), name="api-docs"),
    # /api/ itself, and addresses with the trailing slash, so that APPEND_SLASH still
    # redirects the rest.
    re_path(r"^(?:[\s\S]*/)?$", endpoint_not_found),
]
