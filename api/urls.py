"""The public API's addresses, under /api/: the endpoints, their OpenAPI document and its
docs, and JSON for anything else, errors included."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from .changes.views import ChangesViewSet
from .replies import RepliesViewSet
from .router import api_router
from .taxonomies import TAXONOMIES
from .throttling import rate_limited


class JsonErrorsMixin:
    """For drf-spectacular's views: their errors (405, 406) in the API's own JSON, where
    they would answer in YAML or HTML."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        return JsonResponse({"message": str(detail)}, status=response.status_code)


class SchemaView(JsonErrorsMixin, SpectacularAPIView):
    """The OpenAPI document (YAML; JSON with ?format=json)."""


class DocsView(JsonErrorsMixin, SpectacularRedocView):
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


@csrf_exempt
def endpoint_not_found(request):
    """Any other address under /api/, with any method: a JSON 404, as API clients expect.
    A reader's address without its trailing slash is sent to the one with it."""
    if not request.path.endswith("/") and request.method in ("GET", "HEAD"):
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{request.path}/{'?' if query else ''}{query}")
    return JsonResponse({"message": "there is no API endpoint at this address"}, status=404)


# Beside Wagtail's router, whose endpoints each serve a model's objects by id.
taxonomy_urlpatterns = [
    path(f"{viewset.endpoint_name}/", viewset.as_view({"get": "list"}), name=viewset.endpoint_name)
    for viewset in TAXONOMIES
]

urlpatterns = [
    path("v2/changes/", ChangesViewSet.as_view({"get": "list"}), name="changes"),
    path(
        "v2/replies/",
        RepliesViewSet.as_view({"get": "list", "post": "create"}),
        name="replies",
    ),
    path("v2/", include((taxonomy_urlpatterns, "taxonomies"))),
    path("v2/", api_router.urls),
    path("schema/", rate_limited(SchemaView.as_view()), name="openapi-schema"),
    path("docs/", rate_limited(DocsView.as_view(url_name="openapi-schema")), name="api-docs"),
    re_path(r"^[\s\S]*$", rate_limited(endpoint_not_found)),
]
