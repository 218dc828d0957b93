"""The reference frontend's receiver (frontend/serve.py), the example for frontend
teams: real signed deliveries are verified, and the routes to rebuild printed."""

import queue
import re
import subprocess
import sys
import threading

import pytest
from django.conf import settings

from tests.factories import FilmFactory, make_review
from webhooks.events import ping
from webhooks.models import Endpoint
from webhooks.tasks import deliver_to

SECRET = "whsec_the-frontends-own"


@pytest.fixture
def frontend():
    """serve.py with the endpoint's secret; yields its address and the lines it prints."""
    process = subprocess.Popen(
        [sys.executable, "frontend/serve.py", "--port=0"],
        cwd=settings.BASE_DIR,
        env={"LINER_NOTES_WEBHOOK_SECRET": SECRET, "PATH": ""},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    address = re.search(r"http://\S+/", process.stdout.readline())[0]
    lines = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    ).start()
    yield address, lines
    process.terminate()
    process.wait()


def test_the_frontend_verifies_a_delivery_and_names_the_routes_to_rebuild(frontend, review_index):
    address, printed = frontend
    endpoint = Endpoint.objects.create(
        url=f"{address}webhooks/liner-notes", secret=SECRET, events=["review.published"]
    )
    review = make_review(
        review_index, slug="her", film=FilmFactory(title="Her"), tags=["ambient", "bittersweet"]
    )

    deliver_to.call(endpoint.pk)

    delivery = endpoint.deliveries.get()
    assert (delivery.status, delivery.log.get().status_code) == ("delivered", 204)
    assert printed.get(timeout=10) == (
        f"review.published {delivery.uuid}: revalidate /reviews/her/ / /reviews/ "
        f"/?film={review.film.pk} /?tag=ambient /?tag=bittersweet\n"
    )


def test_the_frontend_refuses_a_delivery_signed_with_another_secret(frontend, db):
    address, printed = frontend
    endpoint = Endpoint.objects.create(
        url=f"{address}webhooks/liner-notes", secret="whsec_someone-elses", events=["ping"]
    )
    ping(endpoint)
    deliver_to.call(endpoint.pk)

    delivery = endpoint.deliveries.get()
    assert (delivery.status, delivery.log.get().status_code) == ("failed", 401)
    assert printed.empty()
