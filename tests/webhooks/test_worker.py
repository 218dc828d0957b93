"""A real worker process, stopped in the middle of a delivery, delivers it once started
again: nothing is lost."""

import json
import os
import signal
import subprocess
import sys
import threading

from django.conf import settings

from tests.servers import fresh_database_url, manage

WAIT_SECONDS = 60

SET_UP = """
from webhooks.events import ping
from webhooks.models import Endpoint
from django.db import transaction
with transaction.atomic():
    endpoint = Endpoint.objects.create(url={url!r}, events=[])
    print(ping(endpoint).uuid)
"""

# Waits for the delivery to be done, then prints it.
DELIVERED = f"""
import json, time
from webhooks.models import Delivery
for _ in range({WAIT_SECONDS * 4}):
    delivery = Delivery.objects.get()
    if delivery.status != "pending":
        break
    time.sleep(0.25)
print(json.dumps({{"status": delivery.status, "attempts": delivery.attempts}}))
"""


def start_worker(environment, log):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval=0.2"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def test_a_worker_killed_mid_delivery_delivers_it_after_a_restart(tmp_path, receiver):
    receiver.hold_first = threading.Event()
    with fresh_database_url("webhook_worker", tmp_path) as database_url:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": database_url,
            "WEBHOOKS_TIMEOUT_SECONDS": "2",
        }
        manage(environment, "migrate", "--no-input")
        delivery_id = manage(
            environment, "shell", "--no-imports", "-c", SET_UP.format(url=receiver.url)
        ).strip()
        with open(tmp_path / "worker.log", "w") as log:
            worker = start_worker(environment, log)
            try:
                assert receiver.first_arrived.wait(WAIT_SECONDS), "the worker never delivered"
                worker.send_signal(signal.SIGKILL)  # in the middle of the delivery
                worker.wait()
                receiver.hold_first.set()

                worker = start_worker(environment, log)
                delivered = json.loads(
                    manage(environment, "shell", "--no-imports", "-c", DELIVERED)
                )
            finally:
                worker.terminate()
                worker.wait()

    assert delivered["status"] == "delivered", (tmp_path / "worker.log").read_text()[-2000:]
    ids = [headers["X-Liner-Notes-Delivery"] for headers, _body in receiver.requests]
    assert ids == [delivery_id, delivery_id]
