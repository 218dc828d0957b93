"""Rate limiting of the public API, per client address.

``API_THROTTLE_RATE`` sets the limit (e.g. ``6000/minute``; ``off`` for none);
``NUM_PROXIES`` says how many proxies in front of the CMS append to X-Forwarded-For, so
that the client's own address is the one counted (DRF reads it).

Each client has a count per window of the rate's period (this minute, for
``6000/minute``), kept in Django's cache and raised atomically: with Redis
(``REDIS_URL``) every process shares it, and the limit holds across them exactly; without
it, each process counts on its own. ``rate_limited`` puts the limit in front of a view,
before anything else, the response cache included.
"""

import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from rest_framework.throttling import BaseThrottle

PERIOD_SECONDS = {"second": 1, "minute": 60, "hour": 60 * 60, "day": 24 * 60 * 60}


def rate_limited(view):
    """The view, answering 429 with Retry-After to a client over the rate."""

    @wraps(view)
    def limited_view(request, *args, **kwargs):
        refusal = over_the_limit(request)
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    return limited_view


def over_the_limit(request):
    """Counts the request against its client's rate: a 429 response with Retry-After if
    the client is over it, None otherwise."""
    if not settings.API_THROTTLE_RATE:
        return None
    allowed, period = settings.API_THROTTLE_RATE.split("/")
    seconds = PERIOD_SECONDS[period]
    now = time.time()
    window = int(now // seconds)
    key = f"throttle:public_api:{BaseThrottle().get_ident(request)}:{window}"
    if count_in(key, seconds) <= int(allowed):
        return None
    retry_after = max(1, math.ceil((window + 1) * seconds - now))
    response = JsonResponse(
        {"message": f"too many requests: try again in {retry_after} seconds"}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response


def count_in(key, seconds):
    """Adds one to the count under ``key``, which lasts ``seconds``; returns it."""
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:  # gone between the two calls (evicted, or its window ended)
        cache.set(key, 1, timeout=seconds + 1)
        return 1
