"""Rate limiting of the public API, per client address (DRF's throttling).

The limit applies before the response cache, so that cached answers count too.
``API_THROTTLE_RATE`` sets it (e.g. ``6000/minute``; ``off`` for none); ``NUM_PROXIES``
says how many proxies in front of the CMS append to X-Forwarded-For, so that the
client's own address is the one counted.
"""

import math
from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from rest_framework.throttling import SimpleRateThrottle


class PublicAPIThrottle(SimpleRateThrottle):
    scope = "public_api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def too_many_requests(wait_seconds):
    retry_after = max(1, math.ceil(wait_seconds or 1))
    response = JsonResponse(
        {"message": f"too many requests: try again in {retry_after} seconds"}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitedMixin:
    """For API viewsets: every request counts against its client's rate, cached or not."""

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)

        @wraps(view)
        def rate_limited_view(request, *args, **kwargs):
            if settings.API_THROTTLE_RATE:
                throttle = PublicAPIThrottle()
                if not throttle.allow_request(request, None):
                    return too_many_requests(throttle.wait())
            return view(request, *args, **kwargs)

        return rate_limited_view
