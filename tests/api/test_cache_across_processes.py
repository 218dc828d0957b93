"""The cache as deployed: CMS processes on one database, and a CDN in front of them.

Each process keeps responses in its own memory, or all share Redis (REDIS_URL); either
way none may serve a response older than the last publish.
"""

import json
import os
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.servers import fresh_database_url, gunicorn_servers, manage, redis_environment

REVIEW = "content.FilmReviewPage"


@pytest.fixture(scope="module")
def database_environment(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cache-processes")
    with fresh_database_url("cache_tests", folder) as database_url:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(folder / "media"),
        }
        environment.pop("REDIS_URL", None)
        manage(environment, "migrate", "--no-input")
        manage(environment, "load_demo")
        yield environment


@pytest.fixture(params=["memory of each process", "Redis shared by both"])
def environment(request, database_environment):
    extra = redis_environment() if request.param.startswith("Redis") else {}
    return {**database_environment, **extra}


@pytest.fixture
def servers(environment):
    """Two gunicorn processes serving the CMS; yields their base URLs."""
    with gunicorn_servers(environment, 2, "--workers", "1") as urls:
        yield urls


def get(server, path):
    with urllib.request.urlopen(f"{server}/api/v2/{path}") as response:  # noqa: S310
        return json.load(response)


def run_in_another_process(environment, code):
    return manage(environment, "shell", "--no-imports", "--command", code)


def test_a_publish_in_another_process_is_seen_at_once_by_every_process(servers, environment):
    her = get(servers[0], f"pages/?type={REVIEW}&slug=her-arcade-fire-owen-pallett")["items"][0]
    detail, listing = f"pages/{her['id']}/", f"pages/?type={REVIEW}&fields=teaser"
    new_title = f"{her['title']}, heard again"
    for server in servers:
        assert get(server, detail)["title"] == her["title"]
        assert her["title"] in [item["title"] for item in get(server, listing)["items"]]

    # Changed without the signals a publish sends: both keep serving their cached copy,
    # which shows that they do cache.
    run_in_another_process(
        environment,
        "from content.models import FilmReviewPage; "
        f"FilmReviewPage.objects.filter(pk={her['id']}).update(title='Unannounced')",
    )
    for server in servers:
        assert get(server, detail)["title"] == her["title"]

    run_in_another_process(
        environment,
        "from content.models import FilmReviewPage; "
        f"page = FilmReviewPage.objects.get(pk={her['id']}); "
        f"page.title = {new_title!r}; page.teaser = 'A second listen.'; "
        "page.save_revision().publish()",
    )
    for server in servers:
        assert get(server, detail)["title"] == new_title
        items = {item["title"]: item for item in get(server, listing)["items"]}
        assert items[new_title]["teaser"] == "A second listen."
        assert her["title"] not in items


class PurgeRecorder(BaseHTTPRequestHandler):
    """Stands in for a Varnish-like CDN: records the paths it is asked to purge."""

    purged = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.purged = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", PurgeRecorder.purged
    server.shutdown()


def test_with_frontend_cache_on_a_publish_purges_the_pages_api_url(database_environment, cdn):
    cdn_url, purged = cdn
    environment = {
        **database_environment,
        "WAGTAILAPI_USE_FRONTENDCACHE": "true",
        "FRONTEND_CACHE_PURGE_URL": cdn_url,
    }

    review_id = run_in_another_process(
        environment,
        "from content.models import FilmReviewPage; "
        "page = FilmReviewPage.objects.live().first(); page.save_revision().publish(); "
        "print(page.pk)",
    ).strip()

    assert f"/api/v2/pages/{review_id}/" in purged


def test_with_frontend_cache_off_nothing_is_purged(database_environment, cdn):
    cdn_url, purged = cdn
    environment = {**database_environment, "FRONTEND_CACHE_PURGE_URL": cdn_url}

    run_in_another_process(
        environment,
        "from content.models import FilmReviewPage; "
        "page = FilmReviewPage.objects.live().first(); page.save_revision().publish()",
    )

    assert purged == []
