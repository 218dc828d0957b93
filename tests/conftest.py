import pytest
from django.core.cache import cache
from wagtail.models import Site

from content.models import ReviewIndexPage
from tests.servers import IMMEDIATE_TASK_BACKEND


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keeps the files that tests upload out of the project folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def review_index(home_page):
    index = home_page.add_child(instance=ReviewIndexPage(title="Reviews", slug="reviews"))
    index.save_revision().publish()
    return index


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the test database is new, the cache is not."""
    cache.clear()


@pytest.fixture
def run_tasks_immediately(settings):
    """Background tasks (imports, Wagtail's search and reference index updates) run as
    they are enqueued, for tests that say so; the others leave them queued, as a worker
    would find them."""
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE_TASK_BACKEND}}
