from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .api import api_router, endpoint_not_found
from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="openapi-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="openapi-schema"), name="api-docs"),
    # Only addresses with the trailing slash, so that APPEND_SLASH still redirects the rest.
    re_path(r"^api/[\s\S]*/$", endpoint_not_found),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    # The development server serves static and media files itself. MEDIA_URL is an
    # absolute URL, which django.conf.urls.static.static() does not serve.
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [
    # Pages are read through the API; a page's own URL redirects to the frontend.
    path("", include(wagtail_urls)),
]
