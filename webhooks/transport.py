"""Posting a delivery, safely: only to public addresses (unless a setting allows
others), with no redirects followed, a short timeout and the answer read up to a small
limit. The address is resolved once and connected to as resolved, so that a name that
resolves again elsewhere (DNS rebinding) cannot turn the post inward."""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

# How much of an answer is read, and kept for the delivery log.
ANSWER_LIMIT = 1024


class Refused(Exception):
    """An address the CMS does not post to: the message says why."""


@dataclass
class Answer:
    status_code: int | None  # None where none came
    duration_ms: int
    excerpt: str = ""
    error: str = ""
    retry_after: str | None = None


def public_address(host, port):
    """The first address ``host`` resolves to, if every address it has is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise Refused(f"{host} does not resolve ({error.strerror})") from error
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:
        for address in addresses:
            if not address.is_global:
                raise Refused(f"{host} resolves to {address}, which is not a public address")
    return str(addresses[0])


def check_url(url):
    """Refuses an address the CMS would not post to, saying why."""
    parts = urlsplit(url)
    allowed = ("https", "http") if settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES else ("https",)
    if parts.scheme not in allowed:
        raise Refused(f"the address must start with {' or '.join(f'{s}://' for s in allowed)}")
    if not parts.hostname:
        raise Refused("the address has no host")
    if parts.username or parts.password:
        raise Refused("the address may not hold a user name or password")
    return parts


def post(url, body, headers):
    """Posts ``body`` (bytes) to ``url``; returns the answer, or why none came."""
    started = time.monotonic()

    def answer(**fields):
        return Answer(duration_ms=round((time.monotonic() - started) * 1000), **fields)

    try:
        parts = check_url(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = public_address(parts.hostname, port)
    except Refused as error:
        return answer(status_code=None, error=str(error))
    timeout = urllib3.Timeout(total=settings.WEBHOOKS_TIMEOUT_SECONDS)
    if parts.scheme == "https":  # the certificate is checked for the name, not the address
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    try:
        response = pool.urlopen(
            "POST",
            path,
            body=body,
            headers={**headers, "Host": parts.netloc},
            redirect=False,
            preload_content=False,
        )
        try:
            excerpt = response.read(ANSWER_LIMIT, decode_content=True)
        finally:
            response.release_conn()
        return answer(
            status_code=response.status,
            excerpt=excerpt.decode("utf-8", "replace"),
            retry_after=response.headers.get("Retry-After"),
        )
    except urllib3.exceptions.HTTPError as error:
        return answer(status_code=None, error=describe(error))
    finally:
        pool.close()


def describe(error):
    """A network error in a line, for the delivery log."""
    if isinstance(error, urllib3.exceptions.TimeoutError):
        return f"no answer within {settings.WEBHOOKS_TIMEOUT_SECONDS} seconds"
    reason = getattr(error, "reason", None) or error
    return str(reason).split(": ", 1)[-1][:300]
