"""The worker delivers the outbox: signed as the README says, retried with backoff,
in order, given up on a refusal, and never to an address inside the network."""

import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from webhooks.events import ping, record
from webhooks.models import Delivery, DeliveryAttempt, Endpoint
from webhooks.tasks import deliver_to, forget_old_deliveries_now_and_then


def deliver(endpoint):
    """What the worker does when the task comes up: deliver what is due."""
    deliver_to.call(endpoint.pk)


def later(endpoint):
    """Time passes: every pending delivery is due."""
    endpoint.deliveries.update(next_attempt_at=timezone.now())
    deliver(endpoint)


def readme_recipe(language):
    readme = (settings.BASE_DIR / "README.md").read_text()
    section = readme.split("### Verifying a delivery", 1)[1]
    return re.search(rf"```{language}\n(.*?)```", section, re.DOTALL)[1]


def test_a_delivery_is_signed_as_the_readme_says_in_python_and_javascript(
    endpoint, receiver, tmp_path
):
    delivery = ping(endpoint)
    deliver(endpoint)

    [(headers, body)] = receiver.requests
    assert json.loads(body) == {
        "id": str(delivery.uuid),
        "event": "ping",
        "created_at": delivery.created_at.isoformat(),
        "data": {"endpoint": endpoint.pk},
    }
    assert (headers["X-Liner-Notes-Event"], headers["X-Liner-Notes-Delivery"]) == (
        "ping",
        str(delivery.uuid),
    )
    signature = headers["X-Liner-Notes-Signature"]
    namespace = {}
    exec(readme_recipe("python"), namespace)  # noqa: S102 (the README's own code)
    verify = namespace["verify"]
    assert verify(endpoint.secret, body, signature)
    assert not verify("another secret", body, signature)
    assert not verify(endpoint.secret, body.replace(b"ping", b"pong"), signature)
    assert not verify(endpoint.secret, body, signature, tolerance=-1)  # too old: a replay

    node = shutil.which("node")
    if node is None and not os.environ.get("CI"):
        pytest.skip("Node.js is not installed: the JavaScript recipe is not tried")
    script = tmp_path / "verify.mjs"
    script.write_text(
        readme_recipe("js")
        + "\nconst [secret, body, header] = process.argv.slice(2);"
        + "\nprocess.stdout.write(String(verify(secret, Buffer.from(body), header)));\n"
    )
    for secret, expected in ((endpoint.secret, "true"), ("another secret", "false")):
        verified = subprocess.run(
            [node, script, secret, body.decode(), signature], capture_output=True, text=True
        )
        assert verified.stdout == expected, verified.stderr


def test_a_receiver_that_fails_twice_gets_the_event_once_delivered_on_the_third_try(
    endpoint, receiver
):
    receiver.answers = [503, 500]
    delivery = ping(endpoint)

    deliver(endpoint)
    delivery.refresh_from_db()
    first_retry = delivery.next_attempt_at - timezone.now()
    later(endpoint)
    later(endpoint)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    assert timedelta(seconds=4) < first_retry <= timedelta(seconds=10)
    assert [attempt.status_code for attempt in delivery.log.order_by("pk")] == [503, 500, 200]
    assert delivery.log.first().response_excerpt == '{"received": true}'
    assert len({json.loads(body)["id"] for _headers, body in receiver.requests}) == 1


def test_deliveries_to_an_endpoint_keep_the_order_of_their_events(endpoint, receiver):
    receiver.answers = [500]
    first = record("film.changed", {"id": 1}, endpoints=[endpoint])[0]
    second = record("film.changed", {"id": 2}, endpoints=[endpoint])[0]

    deliver(endpoint)
    assert [json.loads(body)["data"]["id"] for _headers, body in receiver.requests] == [1]
    later(endpoint)

    sent = [json.loads(body)["data"]["id"] for _headers, body in receiver.requests]
    assert sent == [1, 1, 2]
    assert set(Delivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert first.pk < second.pk


def test_a_refusal_gives_up_and_a_retry_after_is_honoured(endpoint, receiver):
    receiver.answers = [(429, {"Retry-After": "600"}), 410]
    delivery = ping(endpoint)

    deliver(endpoint)
    delivery.refresh_from_db()
    waited = delivery.next_attempt_at - timezone.now()
    later(endpoint)

    delivery.refresh_from_db()
    assert timedelta(seconds=590) < waited <= timedelta(seconds=600)
    assert (delivery.status, delivery.attempts) == ("failed", 2)


def test_retries_stop_after_the_retry_hours(endpoint, receiver, settings):
    receiver.answers = [500]
    delivery = ping(endpoint)
    Delivery.objects.update(queued_at=timezone.now() - timedelta(hours=24, seconds=1))

    deliver(endpoint)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 1)


def test_an_endpoint_that_keeps_failing_is_paused_saying_why_and_keeps_its_events(
    endpoint, receiver, settings
):
    settings.WEBHOOKS_PAUSE_AFTER_FAILURES = 3
    receiver.answers = [500] * 10
    ping(endpoint)
    ping(endpoint)

    deliver(endpoint)
    later(endpoint)
    later(endpoint)
    later(endpoint)  # paused: nothing is sent

    endpoint.refresh_from_db()
    assert len(receiver.requests) == 3
    assert not endpoint.is_active
    assert endpoint.paused_because.startswith("Paused after 3 failed attempts in a row")
    assert endpoint.paused_because.endswith(": HTTP 500.")
    assert list(endpoint.deliveries.values_list("status", flat=True)) == ["pending", "pending"]


def test_a_redirect_is_not_followed(endpoint, receiver):
    receiver.answers = [(307, {"Location": "http://169.254.169.254/latest/meta-data/"})]
    delivery = ping(endpoint)

    deliver(endpoint)

    delivery.refresh_from_db()
    assert (delivery.status, len(receiver.requests)) == ("failed", 1)
    assert delivery.log.get().status_code == 307


@pytest.mark.parametrize(
    "url, why",
    [
        ("http://example.com/hook", "the address must start with https://"),
        ("https://127.0.0.1/hook", "127.0.0.1 resolves to 127.0.0.1, which is not a public"),
        ("https://localhost/hook", "which is not a public address"),
        ("https://10.1.2.3/hook", "10.1.2.3 resolves to 10.1.2.3, which is not a public"),
        ("https://169.254.169.254/", "which is not a public address"),
        ("https://[::1]:8443/hook", "::1 resolves to ::1, which is not a public address"),
        ("https://user:pw@example.com/", "the address may not hold a user name or password"),
        ("https://[64:ff9b::a9fe:a9fe]/", "which is not a public address"),  # NAT64
        ("https://[2002:7f00:1::1]/", "which is not a public address"),  # 6to4
        ("https://[::127.0.0.1]/", "which is not a public address"),
        ("https://224.0.0.1/", "which is not a public address"),  # multicast
    ],
)
def test_no_delivery_goes_inside_the_network(db, settings, receiver, url, why):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    endpoint = Endpoint.objects.create(url=url, events=["review.published"])
    delivery = ping(endpoint)

    deliver(endpoint)

    attempt = delivery.log.get()
    assert attempt.status_code is None
    assert why in attempt.error
    assert receiver.requests == []


def test_old_deliveries_and_attempts_are_forgotten(endpoint, receiver, settings):
    settings.WEBHOOKS_KEEP_LOG_DAYS = 30
    receiver.answers = [200, 200, 500]
    old, recent, waiting = ping(endpoint), ping(endpoint), ping(endpoint)
    deliver(endpoint)  # old and recent delivered; waiting failed once, to be retried
    long_ago = timezone.now() - timedelta(days=31)
    Delivery.objects.filter(pk__in=[old.pk, waiting.pk]).update(created_at=long_ago)
    DeliveryAttempt.objects.exclude(delivery=recent).update(attempted_at=long_ago)

    cache.clear()  # an hour later
    forget_old_deliveries_now_and_then()

    assert set(Delivery.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert list(DeliveryAttempt.objects.values_list("delivery", flat=True)) == [recent.pk]


def test_a_receiver_that_answers_a_byte_at_a_time_is_cut_off_at_the_timeout(endpoint, settings):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 1
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def dribble():
        connection, _address = listener.accept()
        connection.recv(65536)
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 100:
            if stop.wait(0.3):
                break
            connection.send(bytes([byte]))
        connection.close()

    threading.Thread(target=dribble, daemon=True).start()
    Endpoint.objects.filter(pk=endpoint.pk).update(
        url=f"http://127.0.0.1:{listener.getsockname()[1]}/"
    )
    delivery = ping(endpoint)

    started = time.monotonic()
    deliver(endpoint)
    took = time.monotonic() - started
    stop.set()
    listener.close()

    attempt = delivery.log.get()
    assert (attempt.status_code, attempt.error) == (None, "no whole answer within 1 seconds")
    assert took < 3
