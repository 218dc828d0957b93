"""HTTP's side of caching: validators, Cache-Control and 304 answers."""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date


def etag(content):
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def add_validators(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_vary_headers(response, ["Accept"])


def add_public_cache_control(response):
    # Shared caches (a CDN) keep a response for API_CDN_MAX_AGE seconds, then revalidate
    # it with its ETag; browsers revalidate every time.
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.API_CDN_MAX_AGE)


def stored_response(request, entry):
    """A response rebuilt from a cache entry, or a 304."""
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    add_validators(response, entry["etag"], entry["created_at"])
    add_public_cache_control(response)
    return get_conditional_response(request, entry["etag"], entry["created_at"], response)
