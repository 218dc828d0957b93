"""A cache of the public API's responses that is never stale, whichever process serves them.

A response is stored in Django's cache (Redis where ``REDIS_URL`` is set) with the *tags*
of everything it shows: each page, film, reviewer, image and document loaded while it
was built (``page:5``, ``film:2``), and, for a listing, what can change which items it
lists (``page:list``). Saving or deleting any of those objects bumps its tags in the
``ApiCacheTag`` table, in the same transaction as the change.

Before a response is built, the ``generation`` row's counter is read; the stored response
is served again only while none of its tags has been bumped past that generation. One
indexed query per hit checks that, so a publish is seen by every process the moment it
commits, and only the responses that show what changed are rebuilt. The ``epoch`` row,
random and made with the table's first row, keeps a cache that outlives its database (a
restore, a new development database beside the same Redis) from serving old responses.
"""

import hashlib
import secrets
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_init, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    get_page_models,
)
from wagtail.signals import post_page_move

from .models import ApiCacheTag
from .snippets import Film, FilmCastMember, FilmComposer, FilmDirector, Reviewer

# Tags contain a colon; these two rows' keys do not.
GENERATION = "generation"
EPOCH = "epoch"

# Fields that saving a draft, locking or commenting writes on a page: none of them is
# part of what the API shows.
PAGE_DRAFT_FIELDS = frozenset(
    [
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    ]
)

_collected_tags = ContextVar("api_cache_collected_tags", default=None)


def object_tag(instance):
    """The tag of what a response shows when it shows this object."""
    if isinstance(instance, Page):
        return f"page:{instance.pk}"
    if isinstance(instance, FilmDirector | FilmComposer | FilmCastMember):
        return f"film:{instance.film_id}"
    return f"{instance._meta.model_name}:{instance.pk}"


def object_tags(instance):
    """The tags a change to this object bumps: its own, and the listings of its kind."""
    tag = object_tag(instance)
    return [tag, f"{tag.split(':')[0]}:list"]


def tracked_models():
    return [
        *get_page_models(),
        Film,
        FilmDirector,
        FilmComposer,
        FilmCastMember,
        Reviewer,
        get_image_model(),
        get_document_model(),
    ]


def current_generation():
    """The epoch of the database and its current generation, to store with a response."""
    rows = versions([EPOCH, GENERATION])
    if EPOCH not in rows:
        epoch, _created = ApiCacheTag.objects.get_or_create(
            key=EPOCH, defaults={"version": secrets.randbits(62)}
        )
        rows[EPOCH] = epoch.version
    return rows[EPOCH], rows.get(GENERATION, 0)


def invalidate(tags):
    """Marks every cached response that carries one of these tags as stale."""
    with transaction.atomic():
        # The row lock taken here orders concurrent invalidations: generations are
        # handed out in the order they commit.
        if not ApiCacheTag.objects.filter(key=GENERATION).update(version=F("version") + 1):
            ApiCacheTag.objects.get_or_create(key=GENERATION, defaults={"version": 1})
        generation = ApiCacheTag.objects.get(key=GENERATION).version
        ApiCacheTag.objects.bulk_create(
            [ApiCacheTag(key=tag, version=generation) for tag in sorted(set(tags))],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["version"],
        )


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


@contextmanager
def collecting_tags():
    """Collects the tag of every tracked object loaded in the block."""
    tags = set()
    token = _collected_tags.set(tags)
    try:
        yield tags
    finally:
        _collected_tags.reset(token)


def collect_loaded_object(sender, instance, **kwargs):
    tags = _collected_tags.get()
    if tags is not None and instance.pk is not None:
        tags.add(object_tag(instance))


def invalidate_changed_object(sender, instance, raw=False, update_fields=None, **kwargs):
    # Raw saves load fixtures, or an import (which empties this table, so a new epoch
    # starts), or bulk-generated content, whose command invalidates once.
    if raw:
        return
    if isinstance(instance, Page) and update_fields and PAGE_DRAFT_FIELDS.issuperset(update_fields):
        return
    invalidate(object_tags(instance))


def invalidate_subtree(page_id):
    """A move or a view restriction changes the page and everything under it."""
    page = Page.objects.filter(pk=page_id).first()
    page_ids = [page_id]
    if page is not None:  # None while the page itself is being deleted
        page_ids = Page.objects.descendant_of(page, inclusive=True).values_list("id", flat=True)
    invalidate(["page:list", *(f"page:{page_id}" for page_id in page_ids)])


def invalidate_moved_page(sender, instance, **kwargs):
    invalidate_subtree(instance.pk)


def invalidate_restricted_pages(sender, instance, raw=False, **kwargs):
    if not raw:  # as in invalidate_changed_object
        invalidate_subtree(instance.page_id)


def invalidate_restricted_collection(sender, instance, raw=False, **kwargs):
    """A collection's view restriction opens or closes its images and documents."""
    if raw:  # as in invalidate_changed_object
        return
    collections = Collection.objects.filter(path__startswith=instance.collection.path)
    tags = ["image:list", "document:list"]
    for model in (get_image_model(), get_document_model()):
        ids = model.objects.filter(collection__in=collections).values_list("id", flat=True)
        tags += [f"{model._meta.model_name}:{pk}" for pk in ids]
    invalidate(tags)


def connect_signals():
    for model in tracked_models():
        post_init.connect(collect_loaded_object, sender=model)
        post_save.connect(invalidate_changed_object, sender=model)
        post_delete.connect(invalidate_changed_object, sender=model)
    post_page_move.connect(invalidate_moved_page)
    post_save.connect(invalidate_restricted_pages, sender=PageViewRestriction)
    post_delete.connect(invalidate_restricted_pages, sender=PageViewRestriction)
    post_save.connect(invalidate_restricted_collection, sender=CollectionViewRestriction)
    post_delete.connect(invalidate_restricted_collection, sender=CollectionViewRestriction)


def cache_key(request):
    # The query in a fixed order, so that ?a=1&b=2 and ?b=2&a=1 share one entry.
    query = sorted(request.GET.lists())
    digest = hashlib.blake2b(repr((request.path, query)).encode(), digest_size=16).hexdigest()
    return f"api:{digest}"


def is_cacheable(request):
    # Browsers asking for HTML get DRF's browsable API, which is not cached.
    return (
        request.method in ("GET", "HEAD")
        and request.GET.get("format", "json") == "json"
        and "text/html" not in request.headers.get("Accept", "")
    )


def etag(content):
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def add_validators(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_vary_headers(response, ["Accept"])


def add_public_cache_control(response):
    # Shared caches (a CDN) keep a response for API_CDN_MAX_AGE seconds, then revalidate
    # it with its ETag; browsers revalidate every time.
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.API_CDN_MAX_AGE)


def cached_response(request, entry):
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    add_validators(response, entry["etag"], entry["created_at"])
    add_public_cache_control(response)
    return get_conditional_response(request, entry["etag"], entry["created_at"], response)


def cached_api_view(view, list_tags, use_cache=True):
    """Wraps an API view: validators on every response, and cached 200s where possible.

    ``list_tags`` are the tags of a listing: what can change which items it lists.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cache_on = use_cache and settings.API_CACHE_SECONDS > 0 and is_cacheable(request)
        key = cache_key(request) if cache_on else None
        entry = cache.get(key) if cache_on else None
        if entry is not None:
            checked_generation = entry["generation"]
            if revalidate(entry):
                if entry["generation"] != checked_generation:
                    cache.set(key, entry, settings.API_CACHE_SECONDS)
                return cached_response(request, entry)

        epoch, generation = current_generation() if cache_on else (None, None)
        created_at = int(time.time())
        with collecting_tags() as tags:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        if response.status_code != 200 or response.streaming:
            return response

        add_validators(response, etag(response.content), created_at)
        if use_cache:
            add_public_cache_control(response)
        if cache_on:
            if "pk" not in kwargs:
                tags.update(list_tags)
            entry = {
                "content": response.content,
                "content_type": response["Content-Type"],
                "etag": response["ETag"],
                "created_at": created_at,
                "epoch": epoch,
                "generation": generation,
                "tags": sorted(tags),
            }
            cache.set(key, entry, settings.API_CACHE_SECONDS)
        return get_conditional_response(request, response["ETag"], created_at, response)

    return wrapper


class CachedResponsesMixin:
    """For Wagtail API viewsets: cached responses, invalidated exactly, with validators.

    ``cache_list_tags`` name what can change which items a listing holds.
    """

    cache_list_tags = ()
    cache_responses = True

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        return cached_api_view(view, cls.cache_list_tags, use_cache=cls.cache_responses)
