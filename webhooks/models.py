"""Webhook endpoints, and the deliveries to them: an outbox, written in the same
transaction as the change it tells of, and emptied by the task worker in order."""

import secrets
import uuid

from django.db import models
from django.utils import timezone

EVENTS = {
    "review.published": "A review is published, or published again",
    "review.unpublished": "A review is unpublished, or hidden by a view restriction",
    "review.deleted": "A review is deleted",
    "review.moved": "A review moves to another address",
    "reply.approved": "A reader's reply is approved and shows on its review",
    "film.changed": "A film's details change",
}
# The event an endpoint receives on demand, whatever it subscribes to.
PING = "ping"


# The shortest secret an endpoint may have: shorter ones are guessed.
SHORTEST_SECRET = 24


def new_secret():
    return f"whsec_{secrets.token_urlsafe(32)}"


class Endpoint(models.Model):
    """A frontend's address that hears of the events it subscribes to."""

    url = models.URLField("URL", max_length=500)
    description = models.CharField(max_length=255, blank=True)
    # Signs each delivery; shown once, when it is made, then only its last four characters.
    secret = models.CharField(max_length=128, default=new_secret)
    events = models.JSONField(default=list)
    is_active = models.BooleanField(
        "active", default=True, help_text="Paused endpoints keep their deliveries for later."
    )
    # Why it was paused, when the deliveries kept failing.
    paused_because = models.CharField(max_length=500, blank=True)
    failures_in_a_row = models.PositiveIntegerField(default=0)
    # Until when a worker is delivering to it: one at a time, so that events keep their order.
    delivering_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.url

    @property
    def secret_hint(self):
        return f"…{self.secret[-4:]}"

    @property
    def state(self):
        return "Active" if self.is_active else (self.paused_because or "Paused")

    @property
    def subscriptions(self):
        return ", ".join(self.events) or "None: pings only"


class Delivery(models.Model):
    """One event for one endpoint, until it is delivered or given up."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=50)
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # When it was queued, or queued again from the log: retries stop some hours after.
    queued_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The order events happened in: deliveries to one endpoint are sent in it.
        ordering = ["pk"]
        indexes = [models.Index(fields=["endpoint", "status", "id"], name="delivery_queue_idx")]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.event} to {self.endpoint}"

    def redeliver(self):
        """Queues it again, whatever became of it: the same event, with the same id."""
        self.status, self.attempts = self.Status.PENDING, 0  # retried from the first delay
        self.queued_at = self.next_attempt_at = timezone.now()
        self.save(update_fields=["status", "attempts", "queued_at", "next_attempt_at"])

    def body(self):
        """What is posted: the event's envelope."""
        return {
            "id": str(self.uuid),
            "event": self.event,
            "created_at": self.created_at.isoformat(),
            "data": self.data,
        }


class DeliveryAttempt(models.Model):
    """One try at a delivery, for the endpoint's log."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    attempted_at = models.DateTimeField(default=timezone.now)
    # None where no answer came (a timeout, a refused connection).
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField()
    # The first bytes of the answer, or why there was none.
    response_excerpt = models.TextField(blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-attempted_at", "-pk"]

    def __str__(self):
        return f"{self.delivery} at {self.attempted_at:%Y-%m-%d %H:%M:%S}"
