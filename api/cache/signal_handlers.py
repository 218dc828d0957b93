"""Which changes bump which tags, and which loaded objects tag the response being built.

Every tracked object loaded while a response is built adds its tag to the response
(``collecting_tags``); saving or deleting one bumps its tags. A move or a view
restriction changes what the public sees of a whole subtree (``headless.visibility``).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_init, post_save
from treebeard.mp_tree import path_updated
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_slug_changed, post_page_move

from content.signals import pages_created_in_bulk
from headless import visibility
from replies.models import Reply

from . import store, tags

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


@contextmanager
def collecting_tags():
    """Collects the tag of every tracked object loaded in the block."""
    collected = set()
    token = _collected_tags.set(collected)
    try:
        yield collected
    finally:
        _collected_tags.reset(token)


def collect_loaded_object(sender, instance, **kwargs):
    collected = _collected_tags.get()
    if collected is not None and instance.pk is not None:
        collected.add(tags.object_tag(instance))


def invalidate_changed_object(sender, instance, raw=False, update_fields=None, **kwargs):
    # Raw saves load fixtures, or an import (which empties the tag table, so a new epoch
    # starts), or content written in bulk, whose command sends pages_created_in_bulk.
    if raw:
        return
    if isinstance(instance, Page) and update_fields and PAGE_DRAFT_FIELDS.issuperset(update_fields):
        return
    store.invalidate(tags.object_tags(instance))


def invalidate_subtree(page_id):
    """A move or a view restriction changes the page and everything under it."""
    page = Page.objects.filter(pk=page_id).first()
    page_ids = [page_id]
    if page is not None:  # None while the page itself is being deleted
        page_ids = visibility.pages_under(page).values_list("id", flat=True)
    store.invalidate([tags.list_tag(Page), *(f"page:{page_id}" for page_id in page_ids)])


def invalidate_moved_page(sender, instance, **kwargs):
    """A move, or a new slug, changes the address of the page and of every page under
    it, which Wagtail rewrites in bulk, without signals."""
    invalidate_subtree(instance.pk)


def invalidate_everything(sender, instance, raw=False, **kwargs):
    """A site's hostname, port or root page changes which pages it holds, and every
    address in every response."""
    if not raw:  # as in invalidate_changed_object
        store.invalidate_everything()


def invalidate_restricted_pages(sender, instance, raw=False, **kwargs):
    if not raw:  # as in invalidate_changed_object
        invalidate_subtree(instance.page_id)


def invalidate_restricted_media(sender, instance, raw=False, **kwargs):
    """A collection's view restriction opens or closes its images and documents."""
    if not raw:  # as in invalidate_changed_object
        invalidate_media_under(instance.collection)


def invalidate_moved_collection(sender, new_path, **kwargs):
    """A collection moved under a restricted one, or out from under it, closes or opens
    its images and documents (treebeard moves collections in bulk, without signals)."""
    moved = Collection.objects.filter(path=new_path).first()
    if moved is not None:
        invalidate_media_under(moved)


def invalidate_media_under(collection):
    """Every response that shows an image or a document in the collection or under it,
    and the media listings."""
    changed = []
    for model in (get_image_model(), get_document_model()):
        changed.append(tags.list_tag(model))
        ids = visibility.media_under(model, collection).values_list("id", flat=True)
        changed += [f"{tags.kind(model)}:{pk}" for pk in ids]
    store.invalidate(changed)


def invalidate_pages_created_in_bulk(sender, parent, related_models, **kwargs):
    """New pages join listings, the parent's children change, and so do listings of
    what was written with them."""
    related_lists = [tags.list_tag(model) for model in related_models]
    store.invalidate([tags.list_tag(Page), tags.object_tag(parent), *related_lists])


def invalidate_review_of_saved_reply(sender, instance, raw=False, **kwargs):
    """A published reply shows in its review's replies listing and ``reply_count``:
    approving, rejecting, editing or erasing one changes the review's responses. A
    pending reply, spam, or a save that changes nothing shown, changes nothing public."""
    if not raw and instance.saving_changes_what_the_public_sees:
        invalidate_reviews(instance.page_id, instance.page_id_when_loaded)


def invalidate_review_of_deleted_reply(sender, instance, **kwargs):
    if instance.was_public:
        invalidate_reviews(instance.page_id)


def invalidate_reviews(*page_ids):
    store.invalidate([f"{tags.kind(Page)}:{page_id}" for page_id in sorted(set(page_ids))])


def register_signal_handlers():
    for model in tags.tracked_models():
        post_init.connect(collect_loaded_object, sender=model)
        post_save.connect(invalidate_changed_object, sender=model)
        post_delete.connect(invalidate_changed_object, sender=model)
    post_page_move.connect(invalidate_moved_page)
    page_slug_changed.connect(invalidate_moved_page)
    post_save.connect(invalidate_everything, sender=Site)
    post_delete.connect(invalidate_everything, sender=Site)
    post_save.connect(invalidate_restricted_pages, sender=PageViewRestriction)
    post_delete.connect(invalidate_restricted_pages, sender=PageViewRestriction)
    post_save.connect(invalidate_restricted_media, sender=CollectionViewRestriction)
    post_delete.connect(invalidate_restricted_media, sender=CollectionViewRestriction)
    path_updated.connect(invalidate_moved_collection, sender=Collection)
    pages_created_in_bulk.connect(invalidate_pages_created_in_bulk)
    post_save.connect(invalidate_review_of_saved_reply, sender=Reply)
    post_delete.connect(invalidate_review_of_deleted_reply, sender=Reply)
