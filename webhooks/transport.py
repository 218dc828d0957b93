"""Posting a delivery, safely: only to public addresses (unless a setting allows
others), with no redirects followed, a short timeout and the answer read up to a small
limit. The address is resolved once and connected to as resolved, so that a name that
resolves again elsewhere (DNS rebinding) cannot turn the post inward."""

import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

# The well-known NAT64 prefix, 64:ff9b::/96, as the address's top 96 bits.
NAT64_PREFIX = 0x64FF9B << 64
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
            if not all(is_public(part) for part in (address, *embedded_ipv4(address))):
                raise Refused(f"{host} resolves to {address}, which is not a public address")
    return str(addresses[0])


def is_public(address):
    return address.is_global and not address.is_multicast


def embedded_ipv4(address):
    """The IPv4 address an IPv6 one carries, and reaches on some networks: mapped
    (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d), 6to4 (2002:…)."""
    if address.version != 6:
        return []
    carried = [address.ipv4_mapped, address.sixtofour]
    if int(address) >> 32 in (0, NAT64_PREFIX):
        carried.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [ipv4 for ipv4 in carried if ipv4 is not None]


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
    """Posts ``body`` (bytes) to ``url``; returns the answer, or why none came. However
    slowly a receiver answers, the whole exchange ends at the timeout: it runs in a
    thread, and the connection is closed under it when time is up."""
    started = time.monotonic()

    def answer(**fields):
        return Answer(duration_ms=round((time.monotonic() - started) * 1000), **fields)

    try:
        parts = check_url(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = public_address(parts.hostname, port)
    except Refused as error:
        return answer(status_code=None, error=str(error))
    seconds = settings.WEBHOOKS_TIMEOUT_SECONDS
    if parts.scheme == "https":  # the certificate is checked for the name, not the address
        connection = urllib3.connection.HTTPSConnection(
            address,
            port,
            timeout=seconds,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
            cert_reqs="CERT_REQUIRED",
        )
    else:
        connection = urllib3.connection.HTTPConnection(address, port, timeout=seconds)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    outcome = {}

    def exchange():
        try:
            connection.request(
                "POST",
                path,
                body=body,
                headers={**headers, "Host": parts.netloc},
                preload_content=False,  # read up to the limit, never the whole answer
            )
            response = connection.getresponse()
            outcome["answer"] = answer(
                status_code=response.status,
                excerpt=response.read(ANSWER_LIMIT).decode("utf-8", "replace"),
                retry_after=response.headers.get("Retry-After"),
            )
        except Exception as error:  # noqa: BLE001 (whatever stopped it goes in the log)
            outcome["answer"] = answer(status_code=None, error=describe(error))

    thread = threading.Thread(target=exchange, daemon=True)
    thread.start()
    thread.join(seconds)
    finished = not thread.is_alive()
    connection.close()  # ends a thread still waiting on the receiver
    if not finished:
        thread.join(1)
        return answer(status_code=None, error=f"no whole answer within {seconds} seconds")
    return outcome["answer"]


def describe(error):
    """A network error in a line, for the delivery log."""
    if isinstance(error, urllib3.exceptions.NewConnectionError | ConnectionRefusedError):
        return "no connection: refused or unreachable"
    if isinstance(error, TimeoutError | urllib3.exceptions.TimeoutError):
        return f"no answer within {settings.WEBHOOKS_TIMEOUT_SECONDS} seconds"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed: {error.reason or error}"
    reason = getattr(error, "reason", None) or error
    return f"the exchange failed ({type(reason).__name__})"
