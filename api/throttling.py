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
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from rest_framework.throttling import BaseThrottle

PERIOD_SECONDS = {"second": 1, "minute": 60, "hour": 60 * 60, "day": 24 * 60 * 60}


# The name of the one policy in the rate-limit headers.
POLICY = "api"


def rate_limited(view):
    """The view, answering 429 with Retry-After to a client over the rate, and telling
    every client its rate and what is left of it (``RateLimit-Policy`` and ``RateLimit``,
    as the IETF httpapi draft names them)."""

    @wraps(view)
    def limited_view(request, *args, **kwargs):
        usage = count_request(request)
        if usage is None:
            return view(request, *args, **kwargs)
        if usage.remaining < 0:
            response = JsonResponse(
                {"message": f"too many requests: try again in {usage.reset} seconds"},
                status=429,
            )
            response["Retry-After"] = str(usage.reset)
        else:
            response = view(request, *args, **kwargs)
        return add_rate_limit_headers(response, POLICY, usage)

    return limited_view


def add_rate_limit_headers(response, policy, usage):
    """Tells the client its rate and what is left of it, beside the policies the response
    already names: ``RateLimit-Policy`` and ``RateLimit``, as the IETF httpapi draft has
    them."""
    for header, value in (
        ("RateLimit-Policy", f'"{policy}";q={usage.allowed};w={usage.window}'),
        ("RateLimit", f'"{policy}";r={max(usage.remaining, 0)};t={usage.reset}'),
    ):
        response[header] = ", ".join(filter(None, [value, response.get(header)]))
    return response


@dataclass
class Usage:
    """A client's use of its rate: ``allowed`` requests a ``window`` of seconds, of
    which ``remaining`` are left (below 0 once over) for ``reset`` more seconds."""

    allowed: int
    window: int
    remaining: int
    reset: int


def count_request(request):
    """Counts the request against its client's rate; None where there is no limit."""
    return count_against(request, settings.API_THROTTLE_RATE, "public_api")


def count_against(request, rate, scope):
    """Counts the request against its client's ``rate`` (``5/minute``) of what
    ``scope`` names; None where the rate is None (no limit)."""
    if not rate:
        return None
    allowed, period = rate.split("/")
    seconds = PERIOD_SECONDS[period]
    now = time.time()
    window = int(now // seconds)
    key = f"throttle:{scope}:{BaseThrottle().get_ident(request)}:{window}"
    remaining = int(allowed) - count_in(key, seconds)
    reset = max(1, math.ceil((window + 1) * seconds - now))
    return Usage(int(allowed), seconds, remaining, reset)


def count_in(key, seconds):
    """Adds one to the count under ``key``, which lasts ``seconds``; returns it."""
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:  # gone between the two calls (evicted, or its window ended)
        cache.set(key, 1, timeout=seconds + 1)
        return 1
