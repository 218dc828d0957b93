"""Delivering the outbox, in the background: one endpoint at a time by one worker, its
deliveries in the order of their events; retried with exponential backoff and jitter,
for about a day, on network errors, timeouts, 5xx and 429 answers (as ``Retry-After``
asks); given up at once on other 4xx answers. An endpoint that keeps failing is paused,
saying why, and keeps its deliveries for when it is resumed."""

import json
import random
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.http import parse_http_date_safe
from django_tasks import task

from .models import Delivery, DeliveryAttempt, Endpoint
from .signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signature
from .transport import post

# The first retry's delay; each next one doubles, up to the longest.
FIRST_RETRY = timedelta(seconds=10)
LONGEST_RETRY = timedelta(hours=1)
USER_AGENT = "LinerNotes-Webhooks/1"
# How many deliveries one task makes before it leaves the rest to another.
DELIVERIES_PER_TASK = 10


# Ahead of other work: a frontend waits for it.
@task(priority=20)
def deliver_to(endpoint_id):
    """Delivers what is due for the endpoint, in order. A worker already delivering to it
    keeps the task for later; one whose next delivery is not due yet asks to be run then."""
    while True:
        if not take_lease(endpoint_id):
            endpoints = Endpoint.objects.filter(pk=endpoint_id, is_active=True)
            holder = endpoints.values_list("delivering_until", flat=True).first()
            if holder is not None:
                deliver_to.using(run_after=holder).enqueue(endpoint_id)
            return
        try:
            waiting_until = deliver_due(endpoint_id)
        finally:
            Endpoint.objects.filter(pk=endpoint_id).update(delivering_until=None)
        # An event recorded while this worker held the lease is delivered now, not lost.
        if waiting_until is not None:
            deliver_to.using(run_after=waiting_until).enqueue(endpoint_id)
            return
        if not due(endpoint_id).exists():
            forget_old_deliveries_now_and_then()
            return


def take_lease(endpoint_id):
    now = timezone.now()
    free = Q(delivering_until__isnull=True) | Q(delivering_until__lt=now)
    return bool(
        Endpoint.objects.filter(free, pk=endpoint_id, is_active=True).update(
            delivering_until=now + lease()
        )
    )


def lease():
    """How long a worker may deliver to an endpoint before another may take over: one
    attempt's time, with room to spare. A worker that died lets go after it."""
    return timedelta(seconds=3 * settings.WEBHOOKS_TIMEOUT_SECONDS)


def due(endpoint_id):
    return Delivery.objects.filter(
        endpoint_id=endpoint_id,
        endpoint__is_active=True,
        status=Delivery.Status.PENDING,
        next_attempt_at__lte=timezone.now(),
    )


def deliver_due(endpoint_id):
    """Delivers the endpoint's pending deliveries in order, while they are due, a few at
    a time (a worker asked to stop finishes soon); returns when the next one is due, if
    it is not yet, or now, to go on in a task of its own."""
    for _delivery in range(DELIVERIES_PER_TASK):
        endpoint = Endpoint.objects.filter(pk=endpoint_id, is_active=True).first()
        delivery = endpoint and endpoint.deliveries.filter(status=Delivery.Status.PENDING).first()
        if delivery is None:
            return None
        if delivery.next_attempt_at > timezone.now():
            return delivery.next_attempt_at
        Endpoint.objects.filter(pk=endpoint_id).update(delivering_until=timezone.now() + lease())
        attempt(endpoint, delivery)
    return timezone.now()


def attempt(endpoint, delivery):
    """One try at a delivery, logged; what it means for the delivery and the endpoint."""
    body = json.dumps(delivery.body(), separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: signature(endpoint.secret, body),
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.uuid),
    }
    answer = post(endpoint.url, body, headers)
    code = answer.status_code
    if code is not None and 300 <= code < 400:
        answer.error = "a redirect, never followed: give the endpoint the address it points to"
    DeliveryAttempt.objects.create(
        delivery=delivery,
        status_code=code,
        duration_ms=answer.duration_ms,
        response_excerpt=answer.excerpt,
        error=answer.error,
    )
    delivery.attempts += 1
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, timezone.now()
        endpoint.failures_in_a_row = 0
    else:
        endpoint.failures_in_a_row += 1
        retry_at = next_attempt(delivery, answer)
        if retry_at is None:
            delivery.status = Delivery.Status.FAILED
        else:
            delivery.next_attempt_at = retry_at
        if endpoint.failures_in_a_row >= settings.WEBHOOKS_PAUSE_AFTER_FAILURES:
            endpoint.is_active = False
            endpoint.paused_because = (
                f"Paused after {endpoint.failures_in_a_row} failed attempts in a row, "
                f"the last {timezone.localtime():%Y-%m-%d %H:%M}: {outcome_of(answer)}."
            )
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "delivered_at"])
    endpoint.save(update_fields=["failures_in_a_row", "is_active", "paused_because"])


def outcome_of(answer):
    return f"HTTP {answer.status_code}" if answer.status_code else answer.error


def next_attempt(delivery, answer):
    """When to try again, or None to give up: another 4xx than 429 is the receiver's
    refusal, and retries stop after ``WEBHOOKS_RETRY_HOURS``."""
    code = answer.status_code
    if code is not None and 400 <= code < 500 and code != 429:
        return None
    if code is not None and code < 400:  # a redirect, never followed: the address is wrong
        return None
    delay = min(LONGEST_RETRY, FIRST_RETRY * 2 ** (delivery.attempts - 1))
    delay = delay * random.uniform(0.5, 1)  # noqa: S311 (jitter, not secrecy)
    if answer.retry_after and (asked := retry_after_delay(answer.retry_after)) is not None:
        delay = max(delay, min(asked, LONGEST_RETRY))
    retry_at = timezone.now() + delay
    give_up_at = delivery.queued_at + timedelta(hours=settings.WEBHOOKS_RETRY_HOURS)
    return retry_at if retry_at <= give_up_at else None


def retry_after_delay(value):
    """A ``Retry-After`` header's delay: seconds, or an HTTP date."""
    if value.strip().isdigit():
        return timedelta(seconds=int(value))
    if (moment := parse_http_date_safe(value)) is not None:
        return timedelta(seconds=max(0, moment - timezone.now().timestamp()))
    return None


def resume_deliveries():
    """Asks for the deliveries of every active endpoint with some pending: as a worker
    starts, those a stopped worker was delivering are delivered."""
    endpoint_ids = (
        Delivery.objects.filter(status=Delivery.Status.PENDING, endpoint__is_active=True)
        .values_list("endpoint_id", flat=True)
        .distinct()
    )
    for endpoint_id in endpoint_ids:
        deliver_to.enqueue(endpoint_id)
    return len(endpoint_ids)


def forget_old_deliveries_now_and_then():
    """Deletes the deliveries done more than ``WEBHOOKS_KEEP_LOG_DAYS`` ago, with their
    log, and older attempts at pending ones, once an hour at most."""
    if not cache.add("webhooks:forgot_old_deliveries", True, timeout=3600):
        return
    before = timezone.now() - timedelta(days=settings.WEBHOOKS_KEEP_LOG_DAYS)
    Delivery.objects.exclude(status=Delivery.Status.PENDING).filter(created_at__lt=before).delete()
    DeliveryAttempt.objects.filter(attempted_at__lt=before).delete()
