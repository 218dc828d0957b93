"""Rate limiting of the public API, per client address (DRF's throttling).

``API_THROTTLE_RATE`` sets the limit (e.g. ``6000/minute``; ``off`` for none);
``NUM_PROXIES`` says how many proxies in front of the CMS append to X-Forwarded-For, so
that the client's own address is the one counted. ``api.views.PublicEndpoint`` asks
``over_the_limit`` before anything else, the response cache included.
"""

import math

from django.conf import settings
from django.http import JsonResponse
from rest_framework.throttling import SimpleRateThrottle


class PublicAPIThrottle(SimpleRateThrottle):
    """One count per client address, shared by every endpoint."""

    scope = "public_api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def over_the_limit(request):
    """Counts the request against its client's rate: a 429 response with Retry-After if
    the client is over it, None otherwise."""
    if not settings.API_THROTTLE_RATE:
        return None
    throttle = PublicAPIThrottle()
    if throttle.allow_request(request, None):
        return None
    retry_after = max(1, math.ceil(throttle.wait() or 1))
    response = JsonResponse(
        {"message": f"too many requests: try again in {retry_after} seconds"}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response
