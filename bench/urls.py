"""The project's URLs, plus the benchmark's references and its cache-off pages endpoint.

- /bench/bare/: a plain view with a fixed JSON body (the `bare` reference).
- /bench/stock/api/v2/pages/: Wagtail's own PagesAPIViewSet (the `stock` reference).
- /bench/cold/api/v2/pages/: the project's pages endpoint with the response cache off.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet as StockPagesAPIViewSet

from api.views import PagesAPIViewSet
from cms.urls import urlpatterns as cms_urlpatterns

from .views import bare


class UncachedPagesAPIViewSet(PagesAPIViewSet):
    cache_responses = False


stock_router = WagtailAPIRouter("bench_stock")
stock_router.register_endpoint("pages", StockPagesAPIViewSet)
cold_router = WagtailAPIRouter("bench_cold")
cold_router.register_endpoint("pages", UncachedPagesAPIViewSet)

urlpatterns = [
    path("bench/bare/", bare),
    path("bench/stock/api/v2/", stock_router.urls),
    path("bench/cold/api/v2/", cold_router.urls),
    *cms_urlpatterns,
]
