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
from django.utils.http import http_date, parse_etags

from ..compression import COMPRESSORS


def etag(content):
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def encoded_etag(etag, encoding):
    """The ETag of the content's bytes in an encoding: each representation has its own."""
    return f'{etag[:-1]}-{encoding}"' if encoding else etag


def content_etag(tag):
    """The ETag of the content a tag names, whatever its encoding and weakness (a CDN
    may weaken a tag as it recompresses)."""
    tag = tag.removeprefix("W/")
    for encoding in COMPRESSORS:
        if tag.endswith(f'-{encoding}"'):
            return encoded_etag(tag.removesuffix(f'-{encoding}"') + '"', None)
    return tag


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
    """The response, or a 304 where the request's validators match it: an ETag the
    client holds matches if it names the same content, in whichever encoding."""
    held = parse_etags(request.headers.get("If-None-Match", ""))
    same_content = [tag for tag in held if content_etag(tag) == content_etag(response["ETag"])]
    if same_content:
        # A 304 names the representation the client holds, which it refreshes.
        response["ETag"] = same_content[0]
    return get_conditional_response(request, response["ETag"], last_modified, response=response)


def add_public_cache_control(response):
    # Shared caches (a CDN) keep a response for API_CDN_MAX_AGE seconds, then revalidate
    # it with its ETag; browsers revalidate every time.
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.API_CDN_MAX_AGE)


def stored_response(request, entry, encoding):
    """A response from a cache entry, in an encoding it holds (or as it is), or a 304."""
    if encoding:
        response = HttpResponse(entry["encodings"][encoding], content_type=entry["content_type"])
        response["Content-Encoding"] = encoding
    else:
        response = HttpResponse(entry["content"], content_type=entry["content_type"])
    modified = last_modified(entry["changed_at"])
    add_validators(response, encoded_etag(entry["etag"], encoding), modified)
    patch_vary_headers(response, ["Accept-Encoding"])
    add_public_cache_control(response)
    return conditional_response(request, response, modified)
