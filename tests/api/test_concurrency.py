"""Writers edit and publish reviews while readers hammer the API, on PostgreSQL.

Three writer processes save drafts and publish revisions of overlapping reviews; eight
reader threads call the API of two gunicorn processes (two workers each) meanwhile, and
a build follows the change feed. Nothing may fail, no reader may see a draft, every
revision written must be in the database, the build must be told of every publish, and
afterwards every process serves each review's live revision, which is one that a writer
published. (Which of two racing publishes wins is Wagtail's last-save-wins;
either way, the page and its live revision agree.)
"""

import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import dj_database_url
import pytest
from django.conf import settings

from tests.servers import fresh_database_url, gunicorn_servers, manage

WRITERS = 3
READERS = 8
SECONDS = 20
REVIEWS = WRITERS + 2  # writer n edits reviews n, n+1 and n+2: all of them, most by three
DRAFT_MARK = "UNPUBLISHED DRAFT"
LISTING = "pages/?type=content.FilmReviewPage&fields=*"

# One writer: for SECONDS, saves a draft of one of its reviews, then publishes a new
# revision of it; prints each revision it made as a line of JSON.
WRITER = """
import json, os, random, time
from django.contrib.auth import get_user_model
from content.models import FilmReviewPage

writer = int(os.environ["WRITER"])
# The moderator publishes; Editors may not.
editor = get_user_model().objects.get(username="moderator")
ids = sorted(FilmReviewPage.objects.values_list("pk", flat=True))
mine = [ids[(writer + offset) % len(ids)] for offset in range(3)]
rng = random.Random(writer)
deadline = time.monotonic() + float(os.environ["SECONDS"])
step = 0
while time.monotonic() < deadline:
    step += 1
    page = FilmReviewPage.objects.get(pk=rng.choice(mine))
    page.title = f"{page.pk} {DRAFT_MARK} by writer {writer}, step {step}"
    draft = page.save_revision(user=editor)
    print(json.dumps({"page": page.pk, "revision": draft.pk, "title": page.title}))
    page.title = f"{page.pk} published by writer {writer}, step {step}"
    page.teaser = f"Step {step} of writer {writer}."
    revision = page.save_revision(user=editor)
    revision.publish(user=editor)
    print(json.dumps(
        {"page": page.pk, "revision": revision.pk, "title": page.title, "published": True}
    ), flush=True)
""".replace("DRAFT_MARK", repr(DRAFT_MARK))

# The database's account of every review: its revisions, and its live revision beside
# the page's own row (which the API serves).
DATABASE_STATE = """
import json
from wagtail.models import Revision
from content.models import FilmReviewPage

print(json.dumps({
    "revisions": sorted(Revision.objects.values_list("pk", flat=True)),
    "live": {
        page.pk: {
            "revision": page.live_revision_id,
            "revision_title": page.live_revision and page.live_revision.content["title"],
            "revision_teaser": page.live_revision and page.live_revision.content["teaser"],
            "title": page.title,
            "teaser": page.teaser,
        }
        for page in FilmReviewPage.objects.select_related("live_revision")
    },
}))
"""


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    database = dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://"))
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (DATABASE_URL), as CI does")
    folder = tmp_path_factory.mktemp("concurrency")
    with fresh_database_url("concurrency", folder) as database_url:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(folder / "media"),
            "API_THROTTLE_RATE": "off",
            "SECONDS": str(SECONDS),
        }
        environment.pop("REDIS_URL", None)
        manage(environment, "migrate", "--no-input")
        manage(environment, "load_demo")
        manage(environment, "generate_reviews", str(REVIEWS - 3), "--verbosity", "0")
        yield environment


@pytest.fixture
def servers(environment):
    with gunicorn_servers(environment, 2, "--workers", "2", "--threads", "4") as urls:
        yield urls


def get(url):
    """Status and JSON of one API call; a failure is an answer too, to be counted."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (ours)
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, None


def read_until(stop, servers, review_ids, seed):
    """One reader: random listings, details, searches and finds until ``stop`` is set."""
    rng = random.Random(seed)  # noqa: S311 (a test's load pattern)
    paths = [
        LISTING,
        "pages/?type=content.FilmReviewPage&order=-first_published_at&fields=teaser",
        "pages/?type=content.FilmReviewPage&search=published",
        *(f"pages/{review_id}/?fields=*" for review_id in review_ids),
    ]
    answers = Counter()
    drafts_seen = []
    while not stop.is_set():
        status, body = get(f"{rng.choice(servers)}/api/v2/{rng.choice(paths)}")
        answers[status] += 1
        if DRAFT_MARK in json.dumps(body):
            drafts_seen.append(body)
    return answers, drafts_seen


def follow_changes(stop, servers, start):
    """A build following the change feed while the writers publish: every event it is
    told of, in order, reading on after ``stop`` until the feed has nothing more."""
    events, url, rng = [], start, random.Random(0)  # noqa: S311 (a test's load pattern)
    while True:
        # Each call to either process: whichever answers, the feed is the same.
        address = url.split("/api/", 1)[1].split("&limit=")[0]
        status, body = get(f"{rng.choice(servers)}/api/{address}&limit=7")
        assert status == 200, status
        events += [(item["id"], item["event"], item["at"]) for item in body["items"]]
        url = body["meta"]["next"]
        if stop.is_set() and not body["items"]:
            return events


def test_writers_and_readers_at_once_lose_nothing_and_see_no_draft(environment, servers):
    review_ids = [
        item["id"]
        for item in get(f"{servers[0]}/api/v2/pages/?type=content.FilmReviewPage&limit=50")[1][
            "items"
        ]
    ]
    assert len(review_ids) == REVIEWS
    revisions_before = json.loads(
        manage(environment, "shell", "--no-imports", "-c", DATABASE_STATE)
    )["revisions"]

    start = get(f"{servers[0]}/api/v2/changes/")[1]["meta"]["next"]

    stop = threading.Event()
    with ThreadPoolExecutor(READERS + 1) as readers:
        reading = [
            readers.submit(read_until, stop, servers, review_ids, seed) for seed in range(READERS)
        ]
        following = readers.submit(follow_changes, stop, servers, start)
        writers = [
            subprocess.Popen(
                [sys.executable, "manage.py", "shell", "--no-imports", "-c", WRITER],
                cwd=settings.BASE_DIR,
                env={**environment, "WRITER": str(writer)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for writer in range(WRITERS)
        ]
        written = [writer.communicate(timeout=SECONDS * 6) for writer in writers]
        time.sleep(1)  # readers also read after the last publish
        stop.set()
        read = [future.result() for future in reading]
        followed = following.result()

    for writer, (_output, errors) in zip(writers, written, strict=True):
        assert writer.returncode == 0, errors
    revisions = [json.loads(line) for output, _errors in written for line in output.splitlines()]
    published = [revision for revision in revisions if revision.get("published")]
    answers = sum((answers for answers, _drafts in read), Counter())
    drafts_seen = [draft for _answers, drafts in read for draft in drafts]

    # Zero errors, and enough of both to mean something.
    assert set(answers) == {200}, answers
    assert answers[200] >= 500
    assert len(published) >= 3 * WRITERS
    assert drafts_seen == []
    print(f"{answers.total()} reads, {len(revisions)} revisions, {len(published)} publishes")

    # The feed told the build of every publish, in the order they committed, though
    # publishes raced each other: read whole afterwards, it says the same.
    assert followed == follow_changes(stop, servers, start)
    assert len(followed) == len(published)
    assert {event for _id, event, _at in followed} == {"published"}

    # No revision lost: every one a writer made is in the database, and no other.
    state = json.loads(manage(environment, "shell", "--no-imports", "-c", DATABASE_STATE))
    assert sorted(state["revisions"]) == sorted(
        revisions_before + [revision["revision"] for revision in revisions]
    )
    # Each review is live at a revision a writer published, its row agrees
    # with that revision, and every worker of every process serves it.
    for review_id in review_ids:
        live = state["live"][str(review_id)]
        published_here = {
            revision["revision"] for revision in published if revision["page"] == review_id
        }
        assert published_here, f"no writer published review {review_id}"
        assert live["revision"] in published_here
        assert (live["title"], live["teaser"]) == (live["revision_title"], live["revision_teaser"])
        # The addresses the readers used, whose answers the processes have cached.
        for server in servers:
            for _attempt in range(4):  # reach both workers of each server
                status, detail = get(f"{server}/api/v2/pages/{review_id}/?fields=*")
                assert status == 200
                assert (detail["title"], detail["teaser"]) == (live["title"], live["teaser"])
                status, listing = get(f"{server}/api/v2/{LISTING}")
                listed = {item["id"]: item for item in listing["items"]}
                assert listed[review_id]["title"] == live["title"]
