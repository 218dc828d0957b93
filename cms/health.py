"""/healthz: whether this process can reach its database and its cache, for load balancers."""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

HEALTH_CACHE_KEY = "healthz"


def database_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("health check: the database is unreachable")
        return False


def cache_reachable():
    # A cache that cannot be reached fails quietly in Django (Redis raises), so the
    # check writes a value and reads it back.
    try:
        cache.set(HEALTH_CACHE_KEY, "ok", 10)
        return cache.get(HEALTH_CACHE_KEY) == "ok"
    except Exception:
        logger.exception("health check: the cache is unreachable")
        return False


@require_safe
def healthz(request):
    """200 with {"database": "ok", "cache": "ok"}, or 503 naming what is unreachable.

    Example:
    {"status": "ok", "database": "ok", "cache": "ok"}
    """
    checks = {
        "database": "ok" if database_reachable() else "unreachable",
        "cache": "ok" if cache_reachable() else "unreachable",
    }
    healthy = all(state == "ok" for state in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "unhealthy", **checks})
    response.status_code = 200 if healthy else 503
    add_never_cache_headers(response)
    return response
