"""Browser tests: Chromium, driven by Playwright, against the CMS and the reference frontend.

Both run as `make run` runs them, as their own processes: the CMS on a database of
its own (a fresh copy of the one DATABASE_URL names, or SQLite), migrated and loaded
with the demo content once for the session. The tests see them only through the
browser and HTTP, as editors and readers do.
"""

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect, sync_playwright

from tests.servers import free_port, fresh_database_url, manage, wait_for

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = settings.BASE_DIR / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

# The admin saves, previews and reloads through real servers: give it time on a busy CI machine.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the browser tests, but {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """Keeps a full-page screenshot in test-artifacts/screenshots/ (ignored by git)."""

    def save(page, step):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}--{step}.png", full_page=True)

    return save


@pytest.fixture(scope="session")
def cms_database_url(tmp_path_factory):
    with fresh_database_url("browser_tests", tmp_path_factory.mktemp("cms")) as url:
        yield url


@pytest.fixture(scope="session")
def servers(cms_database_url, tmp_path_factory):
    """Starts the frontend, the CMS with the demo content and its task worker, as
    `make run` does; yields their URLs."""
    cms_url = f"http://127.0.0.1:{free_port()}"
    frontend = subprocess.Popen(
        [sys.executable, "frontend/serve.py", "--port=0", f"--api-url={cms_url}/api/v2/"],
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    frontend_url = re.search(r"http://\S+/", frontend.stdout.readline())[0].rstrip("/")

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": cms_database_url,
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "CMS_BASE_URL": cms_url,
        "FRONTEND_URL": frontend_url,
        "SECRET_KEY": settings.SECRET_KEY,
        "DEMO_EDITOR_USERNAME": settings.DEMO_EDITOR_USERNAME,
        "DEMO_EDITOR_PASSWORD": settings.DEMO_EDITOR_PASSWORD,
        # The browser fills in a reply form faster than people can.
        "REPLIES_MIN_SECONDS": "0",
    }
    manage(environment, "migrate", "--no-input")
    manage(environment, "load_demo")
    ARTIFACTS.mkdir(exist_ok=True)
    cms_log = open(ARTIFACTS / "cms-server.log", "w")
    cms = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", cms_url.removeprefix("http://")],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=cms_log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval=0.2"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=cms_log,
        stderr=subprocess.STDOUT,
    )
    wait_for(f"{cms_url}/api/v2/pages/")
    yield {"cms": cms_url, "frontend": frontend_url}
    for process in (worker, cms, frontend):
        process.terminate()
        process.wait()
    cms_log.close()


@pytest.fixture(scope="session")
def frontend_url(servers):
    return servers["frontend"]


@pytest.fixture(scope="session")
def cms_url(servers):
    return servers["cms"]


@pytest.fixture(scope="session")
def api(cms_url):
    """GETs a path of the CMS's public API and returns its JSON."""

    def get(path):
        with urllib.request.urlopen(f"{cms_url}/api/v2/{path}") as response:  # noqa: S310
            return json.load(response)

    return get
