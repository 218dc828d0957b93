"""Where the response cache keeps its state.

- The tag versions, in the ``ApiCacheTag`` table beside the content, so that a change is
  seen by every process the moment it commits: ``invalidate`` bumps tags,
  ``revalidate`` checks a stored response against them.
- The responses themselves, in Django's cache, under a key of their path, query and
  representation.
"""

import hashlib
import secrets
from functools import cache
from pathlib import Path

import wagtail
from django.apps import apps
from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import connection, transaction
from django.db.models import F, Max
from django.utils import timezone

from ..models import ApiCacheTag

# Tags contain a colon; these two rows' keys do not.
GENERATION = "generation"
EPOCH = "epoch"


def versions(keys):
    """The versions of these rows, by key."""
    # Raw SQL: this runs on every cache hit, and the ORM would take longer to write the
    # query than the database takes to answer it. Only names and placeholders go into
    # the text; the keys are parameters.
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(keys))
    sql = (
        f"SELECT {quote('key')}, version FROM {quote(ApiCacheTag._meta.db_table)} "  # noqa: S608
        f"WHERE {quote('key')} IN ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        return dict(cursor.fetchall())


def current_generation():
    """The epoch of the database and its current generation, to store with a response."""
    rows = versions([EPOCH, GENERATION])
    if EPOCH not in rows:
        epoch, _created = ApiCacheTag.objects.get_or_create(
            key=EPOCH, defaults={"version": secrets.randbits(62)}
        )
        rows[EPOCH] = epoch.version
    return rows[EPOCH], rows.get(GENERATION, 0)


def invalidate_everything():
    """Marks every stored response as stale: a new epoch begins."""
    ApiCacheTag.objects.filter(key=EPOCH).update(
        version=secrets.randbits(62), changed_at=timezone.now()
    )


def hold_generation_lock():
    """Takes, until the transaction ends, the lock that every invalidation takes: what
    holds it commits in the order it took it. (SQLite writes one transaction at a time.)"""
    locked = ApiCacheTag.objects.select_for_update().filter(key=GENERATION)
    if not list(locked.values_list("key", flat=True)):
        ApiCacheTag.objects.get_or_create(key=GENERATION, defaults={"version": 0})
        list(locked.values_list("key", flat=True))


def invalidate(tags):
    """Marks every stored response that carries one of these tags as stale."""
    with transaction.atomic():
        # The row lock taken here orders concurrent invalidations: generations are
        # handed out in the order they commit.
        if not ApiCacheTag.objects.filter(key=GENERATION).update(version=F("version") + 1):
            ApiCacheTag.objects.get_or_create(key=GENERATION, defaults={"version": 1})
        generation = ApiCacheTag.objects.get(key=GENERATION).version
        now = timezone.now()
        ApiCacheTag.objects.bulk_create(
            [ApiCacheTag(key=tag, version=generation, changed_at=now) for tag in sorted(set(tags))],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["version", "changed_at"],
        )


def last_change(tags):
    """When the last of these tags, or the epoch, changed, as a timestamp: a response
    built now that carries them shows the content as of then."""
    changed_at = ApiCacheTag.objects.filter(key__in=[EPOCH, *tags]).aggregate(Max("changed_at"))
    return changed_at["changed_at__max"].timestamp()


def revalidate(entry):
    """Whether a stored response is still true; if so, moves its generation up to now.

    Mostly one query on two rows: when nothing at all has changed since the response was
    built, it is true. Otherwise the versions of its own tags decide, and a response
    found true is marked true as of the current generation, so that the next check is
    the cheap one again.
    """
    current = versions([EPOCH, GENERATION])
    if current.get(EPOCH) != entry["epoch"]:
        return False
    generation = current.get(GENERATION, 0)
    if generation == entry["generation"]:
        return True
    if max(versions(entry["tags"]).values(), default=0) > entry["generation"]:
        return False
    # A tag bumped after `generation` was read gets a later version than it.
    entry["generation"] = generation
    return True


@cache
def deployment():
    """What shapes a response besides the data: the addresses it holds (the settings
    that say where the CMS, the frontend and the media are) and the code that renders
    it. Processes of another deployment sharing the cache (a new release, new
    addresses) keep apart from this one's responses."""
    code = hashlib.blake2b(digest_size=16)
    folders = [Path(config.path) for config in apps.get_app_configs()]
    for folder in [Path(settings.PROJECT_DIR), *folders]:
        if folder.parent == Path(settings.BASE_DIR):  # the project's own packages
            for path in sorted(folder.rglob("*.py")):
                code.update(path.read_bytes())
    addresses = [settings.CMS_BASE_URL, settings.FRONTEND_URL, settings.MEDIA_URL]
    return repr((addresses, wagtail.__version__, code.hexdigest()))


def entry_key(request, representation):
    """The key of a response: the deployment that built it, the host it was asked of
    (each site has its own pages), its path, its query (in a fixed order, so that
    ?a=1&b=2 and ?b=2&a=1 share one entry) and the representation it was rendered in."""
    query = sorted(request.GET.lists())
    identity = repr((deployment(), request.get_host(), request.path, query, representation))
    return f"api:{hashlib.blake2b(identity.encode(), digest_size=16).hexdigest()}"


def load(key):
    return django_cache.get(key)


def save(key, entry):
    django_cache.set(key, entry, settings.API_CACHE_SECONDS)
