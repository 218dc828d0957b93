"""A static-site build against the API, measured: what README's "Build a static site"
reports. Run with `.venv/bin/python bench/static_build.py`.

Under gunicorn (production settings, each process its own cache) on a generated data
set, a build client pages through every review by cursor with every field, as a build
would, then:

1. cold: the first build, every response built afresh;
2. again: an unchanged rebuild that sends each page's ETag back (If-None-Match): 304s;
3. incremental: after one review is published again, the change feed names it, and the
   build fetches that one review;
4. full, after it: the whole crawl again with the ETags kept, where only the page that
   holds that review has changed.

Environment: BENCH_REVIEWS (default 2000); BENCH_DATABASE_URL (default SQLite in
bench/static-build.sqlite3), as for bench/run.py.
"""

import gzip
import json
import os
import sys
import time
import urllib.request
from pathlib import Path

import brotli

BENCH_DIR = Path(__file__).resolve().parent
os.environ.setdefault("BENCH_REVIEWS", "2000")
os.environ.setdefault("BENCH_DATABASE_URL", f"sqlite:///{BENCH_DIR / 'static-build.sqlite3'}")
sys.path.insert(0, str(BENCH_DIR.parent))

from bench.run import (  # noqa: E402 (after the environment it reads)
    DATABASE_URL,
    REVIEWS,
    free_port,
    manage,
    prepare_database,
    server_environment,
    start_gunicorn,
    wait_for,
)

FIRST_PAGE = "/api/v2/pages/?type=content.FilmReviewPage&fields=*&limit=100"
REPUBLISH = """
from content.models import FilmReviewPage
review = FilmReviewPage.objects.live().order_by("path").last()
review.save_revision().publish()
print(review.pk)
"""


def fetch(url, etag=None):
    """Status, decoded JSON (None for a 304), bytes on the wire and ETag of a GET; the
    bytes uncompressed are the JSON's ``len(json.dumps(…))`` in compact form."""
    headers = {"Accept-Encoding": "br, gzip"}
    if etag:
        headers["If-None-Match"] = etag
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own server)
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310
            raw = response.read()
            decode = {"br": brotli.decompress, "gzip": gzip.decompress}.get(
                response.headers.get("Content-Encoding"), bytes
            )
            return 200, json.loads(decode(raw)), len(raw), response.headers["ETag"]
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return 304, None, 0, etag
        raise


def crawl(base_url, etags):
    """Every review, a page at a time, following meta.next; with the ETags of a former
    crawl, each unchanged page answers 304 and the crawl follows the next link it kept."""
    started = time.perf_counter()
    statuses, wire_bytes, json_bytes, reviews = [], 0, 0, 0
    url = base_url + FIRST_PAGE
    while url:
        status, body, size, etag = fetch(url, etags.get(url, (None, None))[0])
        statuses.append(status)
        wire_bytes += size
        if status == 200:
            etags[url] = (etag, body["meta"]["next"])
            reviews += len(body["items"])
            json_bytes += len(json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode())
        url = etags[url][1]
    return {
        "requests": len(statuses),
        "304s": statuses.count(304),
        "reviews": reviews,
        "kilobytes": round(wire_bytes / 1024),
        "kilobytes_uncompressed": round(json_bytes / 1024),
        "seconds": round(time.perf_counter() - started, 2),
    }


def main():
    port = free_port()
    environment = server_environment(port)
    prepare_database(environment)
    server = start_gunicorn(environment, port, workers=1)
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_for(f"{base_url}/healthz")
        _status, start, _size, _etag = fetch(f"{base_url}/api/v2/changes/")
        etags = {}
        cold = crawl(base_url, etags)
        again = crawl(base_url, etags)
        republished = int(manage(environment, "shell", "--no-imports", "--command", REPUBLISH))
        started = time.perf_counter()
        _status, changes, _size, _etag = fetch(start["meta"]["next"])
        for change in changes["items"]:
            fetch(f"{base_url}/api/v2/pages/{change['id']}/")
        incremental = {
            "requests": 1 + len(changes["items"]),
            "changed": [change["id"] for change in changes["items"]],
            "seconds": round(time.perf_counter() - started, 3),
        }
        if incremental["changed"] != [republished]:
            sys.exit(f"bench: the change feed named {incremental['changed']}, not {republished}")
        after_change = crawl(base_url, etags)
    finally:
        server.terminate()
        server.wait()

    print(f"\n{REVIEWS} generated reviews (+3 demo), one gunicorn worker, {DATABASE_URL}")
    print(f"cold build:      {cold}")
    print(f"unchanged build: {again}")
    print(f"incremental:     {incremental}")
    print(f"full, after it:  {after_change}")


if __name__ == "__main__":
    main()
