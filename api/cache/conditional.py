"""HTTP's side of caching: validators, Cache-Control and 304 answers.

Conditional requests are exact. The ETag changes with every byte. Last-Modified, which
HTTP gives to the second, is the first second after the content's last change (never
earlier than the content), and is sent only once that second has come (never later than
the response): until then, two versions made in one second could share it, and the
ETag alone answers.
"""

import hashlib
import math
from time import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date


def etag(content):
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def last_modified(changed_at):
    """The Last-Modified of content last changed at ``changed_at`` (a timestamp), or None
    while that is not yet a whole second ago."""
    if changed_at is None:
        return None
    second = math.floor(changed_at) + 1
    return second if second <= time() else None


def add_validators(response, etag, last_modified):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_vary_headers(response, ["Accept"])


def conditional_response(request, response, last_modified):
    """The response, or a 304 where the request's validators match it."""
    return get_conditional_response(request, response["ETag"], last_modified, response=response)


def add_public_cache_control(response):
    # Shared caches (a CDN) keep a response for API_CDN_MAX_AGE seconds, then revalidate
    # it with its ETag; browsers revalidate every time.
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.API_CDN_MAX_AGE)


def stored_response(request, entry):
    """A response rebuilt from a cache entry, or a 304."""
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    modified = last_modified(entry["changed_at"])
    add_validators(response, entry["etag"], modified)
    add_public_cache_control(response)
    return conditional_response(request, response, modified)
