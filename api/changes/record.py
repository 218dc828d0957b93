"""Which changes make which events in the change feed.

An event is recorded where what the public sees of a page changes: a live page is
published (again) or unpublished, deleted, moved or renamed, or a view restriction
hides it or shows it again. Changes to pages the public cannot see make no event.
"""

import datetime
import threading
import time

from django.conf import settings
from django.core.signals import request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from ..cache import store
from ..models import PageChange
from ..serializers import frontend_html_url

Event = PageChange.Event
# Events are kept this much longer than the feed promises, so that one committed a
# moment after a client read the feed is still there when that client's cursor expires.
PRUNING_GRACE = datetime.timedelta(days=1)

# How often, at most, a process deletes the events the feed no longer keeps.
PRUNING_INTERVAL_SECONDS = 60

# What a change in progress knows before the change: the public addresses of a moving
# subtree, and what the pages a deletion takes were (Django tells of them all before it
# deletes any, and deletes their view restrictions before them). Kept for the thread
# until its next request, in case the change failed half-way.
_in_progress = threading.local()
_last_pruned = 0.0


@transaction.atomic
def record(page, event, html_url=None, old_html_url=None):
    # Events get their ids in the order their transactions commit, so that a reader who
    # has seen one has seen every event before it. The lock is the response cache's,
    # which each change takes after writing its pages, as this does.
    store.hold_generation_lock()
    PageChange.objects.create(
        page_id=page.pk,
        page_type=page.specific_class._meta.label,
        event=event,
        html_url=html_url or "",
        old_html_url=old_html_url or "",
    )
    prune()


def prune():
    """Deletes the events older than the feed keeps, once a minute at most."""
    global _last_pruned
    if time.monotonic() - _last_pruned < PRUNING_INTERVAL_SECONDS:
        return
    _last_pruned = time.monotonic()
    kept = datetime.timedelta(days=settings.API_CHANGES_RETENTION_DAYS) + PRUNING_GRACE
    PageChange.objects.filter(at__lt=timezone.now() - kept).delete()


def in_progress(name):
    """What the change in progress noted under ``name`` (a dict)."""
    if not hasattr(_in_progress, name):
        setattr(_in_progress, name, {})
    return getattr(_in_progress, name)


def forget_changes_in_progress(**kwargs):
    _in_progress.__dict__.clear()


def public_pages_under(page):
    """The live pages the public may see in the subtree of ``page``, with their addresses."""
    pages = Page.objects.live().public().descendant_of(page, inclusive=True)
    return {page.pk: (page, frontend_html_url(page)) for page in pages}


def record_published(sender, instance, **kwargs):
    if Page.objects.live().public().filter(pk=instance.pk).exists():
        record(instance, Event.PUBLISHED, html_url=frontend_html_url(instance))


def record_unpublished(sender, instance, **kwargs):
    # Wagtail unpublishes a page it is deleting without saving it: still live in the
    # database, it is being deleted, which record_deleted records.
    public = Page.objects.public().filter(pk=instance.pk)
    if public.exists() and not public.live().exists():
        record(instance, Event.UNPUBLISHED, old_html_url=frontend_html_url(instance))


def note_deleted(sender, instance, **kwargs):
    """Before a deletion: whether the public sees the page, and where. Whether it is
    live is read from the database: Wagtail's own handler may have unpublished the
    instance already."""
    public = Page.objects.live().public().filter(pk=instance.pk).exists()
    address = frontend_html_url(instance) if public else None
    in_progress("deleting")[instance.pk] = (public, address)


def record_deleted(sender, instance, **kwargs):
    """After the page's row is gone, and the response cache has taken its lock."""
    public, address = in_progress("deleting").pop(instance.pk, (False, None))
    if public:
        record(instance, Event.DELETED, old_html_url=address)


def note_addresses_before_move(sender, instance, **kwargs):
    in_progress("moving")[instance.pk] = public_pages_under(instance)


def record_moved(sender, instance, **kwargs):
    """A move changes the address of every page under the page moved, and may take
    them under a view restriction or out from under one."""
    before = in_progress("moving").pop(instance.pk, {})
    record_address_changes(before, public_pages_under(instance))


def record_renamed(sender, instance, instance_before, **kwargs):
    """A new slug changes the address of every page under the page; which of them the
    public may see stays the same. A page published for the first time (or again)
    with a new slug was never public at the old one: its own publish says where it is."""
    after = public_pages_under(instance)
    if not instance_before.live:
        after.pop(instance.pk, None)
    new_root, old_root = frontend_html_url(instance), frontend_html_url(instance_before)
    before = {}
    if new_root and old_root:
        for pk, (page, url) in after.items():
            before[pk] = (page, url and old_root + url.removeprefix(new_root))
    record_address_changes(before, after)


def record_address_changes(before, after):
    for pk, (page, old_url) in before.items():
        if pk not in after:
            record(page, Event.UNPUBLISHED, old_html_url=old_url)
    for pk, (page, url) in after.items():
        if pk not in before:
            record(page, Event.PUBLISHED, html_url=url)
        elif before[pk][1] != url:
            record(page, Event.MOVED, html_url=url, old_html_url=before[pk][1])


def record_restricted(sender, instance, created=False, raw=False, **kwargs):
    """A new view restriction hides the pages under it that no other one hid."""
    if not created or raw:
        return
    hidden = Page.objects.live().descendant_of(instance.page, inclusive=True)
    for other in PageViewRestriction.objects.exclude(pk=instance.pk).select_related("page"):
        hidden = hidden.exclude(path__startswith=other.page.path)
    for page in hidden:
        record(page, Event.UNPUBLISHED, old_html_url=frontend_html_url(page))


def record_unrestricted(sender, instance, **kwargs):
    """A view restriction removed shows the pages under it that no other one hides,
    but those being deleted, which take their restrictions with them."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    deleting = in_progress("deleting")
    for shown, url in public_pages_under(page).values():
        if shown.pk not in deleting:
            record(shown, Event.PUBLISHED, html_url=url)


def register_signal_handlers():
    page_published.connect(record_published)
    page_unpublished.connect(record_unpublished)
    pre_delete.connect(note_deleted, sender=Page)
    post_delete.connect(record_deleted, sender=Page)
    pre_page_move.connect(note_addresses_before_move)
    post_page_move.connect(record_moved)
    page_slug_changed.connect(record_renamed)
    post_save.connect(record_restricted, sender=PageViewRestriction)
    post_delete.connect(record_unrestricted, sender=PageViewRestriction)
    request_started.connect(forget_changes_in_progress)
