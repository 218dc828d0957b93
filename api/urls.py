"""The public API's addresses, under /api/: the endpoints, their OpenAPI document and its
docs, and a JSON 404 for anything else."""

from django.http import JsonResponse
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from .router import api_router
from .throttling import rate_limited


class DocsView(SpectacularRedocView):
    """The OpenAPI document as a page to read (Redoc), loading nothing from other hosts:
    its script comes from this server (drf-spectacular-sidecar), it asks for no web
    fonts, and its Content-Security-Policy holds it to that."""

    template_name = "api/redoc.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Redoc styles itself inline and parses the document in a worker of its own.
        response["Content-Security-Policy"] = (
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "worker-src 'self' blob:"
        )
        return response


def endpoint_not_found(request):
    """Any other address under /api/: a JSON 404, as API clients expect, not an HTML page."""
    return JsonResponse({"message": "there is no API endpoint at this address"}, status=404)


urlpatterns = [
    path("v2/", api_router.urls),
    path("schema/", rate_limited(SpectacularAPIView.as_view()), name="openapi-schema"),
    path("docs/", rate_limited(DocsView.as_view(url_name="openapi-schema")), name="api-docs"),
    # /api/ itself, and addresses with the trailing slash, so that APPEND_SLASH still
    # redirects the rest.
    re_path(r"^(?:[\s\S]*/)?$", endpoint_not_found),
]
