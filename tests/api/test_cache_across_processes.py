"""The cache as deployed: CMS processes on one database, and a CDN in front of them.

Each process keeps responses in its own memory, or all share Redis (REDIS_URL); either
way none may serve a response older than the last publish.
"""

import itertools
import json
import os
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.servers import (
    IMMEDIATE_TASK_BACKEND,
    fresh_database_url,
    gunicorn_servers,
    manage,
    redis_environment,
)

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
            "ALLOWED_HOSTS": "localhost,127.0.0.1,other.example",
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


def get(server, path, **headers):
    request = urllib.request.Request(f"{server}/api/v2/{path}", headers=headers)  # noqa: S310
    with urllib.request.urlopen(request) as response:  # noqa: S310
        return json.load(response)


def raw(server, path, **headers):
    request = urllib.request.Request(f"{server}/api/v2/{path}", headers=headers)  # noqa: S310
    with urllib.request.urlopen(request) as response:  # noqa: S310
        return response.read()


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


# Each case: what another process prepares, what the servers are asked (so that each
# caches it), the change another process makes, and what every server must then show.
# Cases run in turn on one database, for each cache, so each works on names of its own.
SHELL_IMPORTS = (
    "from content.models import FilmReviewPage, ReviewIndexPage; from taggit.models import Tag; "
    "from content.snippets import Film; from wagtail.images import get_image_model; "
    "from wagtail.models import Collection, CollectionViewRestriction, Page, Site; "
    "from tests.factories import ImageFactory; "
)
HER = f"pages/?type={REVIEW}&slug=her-arcade-fire-owen-pallett&fields=tags,film"
run_number = itertools.count()


def her(server):
    return get(server, HER)["items"][0]


def image_titles(server, title):
    return [item["title"] for item in get(server, f"images/?title={title}")["items"]]


STALENESS_CASES = {
    "a tag renamed": (
        "",
        lambda server, n: her(server)["tags"],
        "tag = FilmReviewPage.objects.get(slug='her-arcade-fire-owen-pallett').tags.first(); "
        "tag.name = 'hushed-{n}'; tag.save()",
        lambda server, n: (
            f"hushed-{n}" in her(server)["tags"]
            and len(get(server, f"pages/?type={REVIEW}&tag=hushed-{n}")["items"]) == 1
        ),
    ),
    "a section's new slug": (
        "",
        lambda server, n: her(server)["meta"]["html_url"],
        "index = ReviewIndexPage.objects.get(); index.slug = 'critiques-{n}'; "
        "index.save_revision().publish()",
        lambda server, n: f"/critiques-{n}/" in her(server)["meta"]["html_url"],
    ),
    "a site's change": (
        "",
        lambda server, n: her(server)["film"]["title"],
        "films = Film.objects.filter(reviews__slug='her-arcade-fire-owen-pallett'); "
        "films.update(title='Her {n}'); "
        "site = Site.objects.get(is_default_site=True); site.site_name = 'Notes {n}'; site.save()",
        lambda server, n: her(server)["film"]["title"] == f"Her {n}",
    ),
    "a collection restricted": (
        "ImageFactory(title='Still-{n}', "
        "collection=Collection.get_first_root_node().add_child(name='Stills-{n}'))",
        lambda server, n: image_titles(server, f"Still-{n}"),
        "CollectionViewRestriction.objects.create("
        "collection=Collection.objects.get(name='Stills-{n}'), restriction_type='login')",
        lambda server, n: image_titles(server, f"Still-{n}") == [],
    ),
    "a collection moved under a restricted one": (
        "root = Collection.get_first_root_node(); "
        "ImageFactory(title='Still-{n}', collection=root.add_child(name='Stills-{n}')); "
        "CollectionViewRestriction.objects.create("
        "collection=root.add_child(name='Embargo-{n}'), restriction_type='login')",
        lambda server, n: image_titles(server, f"Still-{n}"),
        "Collection.objects.get(name='Stills-{n}').move("
        "Collection.objects.get(name='Embargo-{n}'), pos='sorted-child')",
        lambda server, n: image_titles(server, f"Still-{n}") == [],
    ),
}


@pytest.mark.parametrize("case", STALENESS_CASES, ids=list(STALENESS_CASES))
def test_every_process_sees_each_kind_of_change_at_once(servers, environment, case):
    prepare, read, change, shows_it = STALENESS_CASES[case]
    n = next(run_number)
    if prepare:
        run_in_another_process(environment, SHELL_IMPORTS + prepare.format(n=n))
    before = [read(server, n) for server in servers]  # each server caches what it read

    run_in_another_process(environment, SHELL_IMPORTS + change.format(n=n))

    assert all(shows_it(server, n) for server in servers), before


def test_no_process_serves_a_representation_or_a_site_another_client_asked_for(
    servers, environment
):
    run_in_another_process(
        environment,
        SHELL_IMPORTS + "root = Page.get_first_root_node(); "
        "other = root.get_children().filter(slug='elsewhere').first() "
        "or root.add_child(instance=Page(title='Elsewhere', slug='elsewhere')); "
        "Site.objects.get_or_create(hostname='other.example', defaults={'root_page': other})",
    )
    first, second = servers
    indented = raw(first, "pages/", Accept="application/json; indent=4")
    here = get(second, "pages/")
    there = get(first, "pages/", Host="other.example")

    assert indented.startswith(b'{\n    "meta"')
    assert raw(second, "pages/").startswith(b'{"meta"')
    assert [item["title"] for item in there["items"]] == ["Elsewhere"]
    assert "Elsewhere" not in [item["title"] for item in here["items"]]


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
        # Wagtail purges in a task: run it at once.
        "TASK_BACKEND": IMMEDIATE_TASK_BACKEND,
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
