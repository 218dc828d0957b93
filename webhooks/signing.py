"""The signature each delivery carries, as Stripe signs its webhooks:
``X-Liner-Notes-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">``, keyed
with the endpoint's secret. The time is signed too, so that a receiver can refuse a
delivery replayed later (README: Webhooks)."""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Liner-Notes-Signature"
EVENT_HEADER = "X-Liner-Notes-Event"
DELIVERY_HEADER = "X-Liner-Notes-Delivery"


def signature(secret, body, timestamp=None):
    """The header's value for ``body`` (bytes), signed at ``timestamp`` (now)."""
    timestamp = int(time.time() if timestamp is None else timestamp)
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"
