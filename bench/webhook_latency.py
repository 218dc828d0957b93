"""How soon a frontend hears of a publish, and what the webhooks cost the editor: what
README's "Webhooks" reports. Run with `.venv/bin/python bench/webhook_latency.py`.

The demo content on a new SQLite database (production settings), one endpoint at a
local receiver, and the task worker as `make run` starts it. Then:

1. latency: PUBLISHES publishes of a review, a quarter of a second apart, each timed
   from its commit to the receiver's arrival of its review.published (p50, p99);
2. the editor's cost: how long a publish takes with the worker (the delivery, and
   Wagtail's index updates, queued as tasks) and without one (every task run in the
   publish, the delivery's post included).

Environment: BENCH_PUBLISHES (default 200); BENCH_WORKER_INTERVAL (default 1 second,
the worker's own: how often an idle worker looks for tasks).
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))

from bench.run import BASE_DIR, manage, server_environment  # noqa: E402

PUBLISHES = int(os.environ.get("BENCH_PUBLISHES", "200"))
WORKER_INTERVAL = os.environ.get("BENCH_WORKER_INTERVAL", "1")
SPACING_SECONDS = 0.25
COST_PUBLISHES = 50

PUBLISHER = """
import json, time
from django.test import override_settings
from content.models import FilmReviewPage
review = FilmReviewPage.objects.live().first()
for _ in range({publishes}):
    review.save_revision().publish()
    print(json.dumps({{"committed": time.time()}}), flush=True)
    time.sleep({spacing})
"""

COST = """
import json, time
from django.test import override_settings
from content.models import FilmReviewPage
review = FilmReviewPage.objects.live().first()
def timed():
    started = time.perf_counter()
    review.save_revision().publish()
    return (time.perf_counter() - started) * 1000
costs = {{}}
costs["with the worker"] = sorted(timed() for _ in range({count}))
immediate = {{"default": {{"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}}}
with override_settings(TASKS=immediate):
    costs["without a worker"] = sorted(timed() for _ in range({count}))
print(json.dumps(costs))
"""


def main():
    arrivals = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if json.loads(body)["event"] == "review.published":
                arrivals.append(time.time())
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()

    with tempfile.TemporaryDirectory() as folder:
        environment = {
            **server_environment(0),
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "on",
        }
        manage(environment, "migrate", "--no-input")
        manage(environment, "load_demo", "--force")
        url = f"http://127.0.0.1:{receiver.server_port}/revalidate"
        manage(environment, "webhooks", "add", url, "--events", "review.published")
        worker_command = ["db_worker", "--no-reload", f"--interval={WORKER_INTERVAL}"]
        worker = subprocess.Popen(  # noqa: S603 (this interpreter, this project)
            [sys.executable, "manage.py", *worker_command],
            cwd=BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            print(f"bench: {PUBLISHES} publishes, {SPACING_SECONDS} s apart", flush=True)
            script = PUBLISHER.format(publishes=PUBLISHES, spacing=SPACING_SECONDS)
            output = manage(environment, "shell", "--no-imports", "--command", script)
            commits = [json.loads(line)["committed"] for line in output.splitlines()]
            deadline = time.time() + 60
            while len(arrivals) < len(commits) and time.time() < deadline:
                time.sleep(0.1)
            delivered = arrivals[: len(commits)]  # the cost's publishes are delivered too
            script = COST.format(count=COST_PUBLISHES)
            costs = json.loads(manage(environment, "shell", "--no-imports", "--command", script))
        finally:
            worker.terminate()
            worker.wait()
    receiver.shutdown()

    pairs = zip(commits, delivered, strict=False)
    latencies = sorted(arrival - commit for commit, arrival in pairs)
    print(f"delivered {len(delivered)} of {len(commits)} (worker interval {WORKER_INTERVAL} s)")
    print(
        f"publish to delivery: p50 {percentile(latencies, 50) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 99) * 1000:.0f} ms"
    )
    for case, times in costs.items():
        print(
            f"a publish {case}: p50 {percentile(times, 50):.0f} ms, "
            f"p99 {percentile(times, 99):.0f} ms"
        )


def percentile(values, rank):
    return values[min(len(values) - 1, round(rank / 100 * (len(values) - 1)))]


if __name__ == "__main__":
    main()
