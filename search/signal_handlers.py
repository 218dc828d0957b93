"""Keeps every page's search entry as exact as the API's cache.

Wagtail indexes an object when it is saved, but not the pages whose search fields follow
it: renaming a composer left reviews of that film findable only by the old name. Here a
change to anything a page type's ``index.RelatedFields`` reach (a film, its composers, a
reviewer, a tag) re-indexes the pages that show it, once the change is committed.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from wagtail.models import get_page_models
from wagtail.search import index

from .indexing import followed_relations, index_objects


def related_model_at(model, lookup):
    """The model that ``lookup`` (``film__composers``) reaches from ``model``."""
    for name in lookup.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def pages_that_follow():
    """For each model that pages' search fields reach, the page models and lookups that
    reach it: ``{FilmComposer: [(FilmReviewPage, "film__composers")], …}``."""
    following = defaultdict(list)
    for page_model in get_page_models():
        if issubclass(page_model, index.Indexed):
            for lookup in followed_relations(page_model.get_search_fields()):
                following[related_model_at(page_model, lookup)].append((page_model, lookup))
    return following


def reindex_pages_that_show(following):
    def handler(sender, instance, raw=False, **kwargs):
        # Raw saves come from fixtures and imports, which rebuild the index themselves.
        if raw:
            return
        for page_model, lookup in following[sender]:
            # Read now: a deletion cascades, and afterwards nothing links the pages to it.
            ids = list(page_model.objects.filter(**{lookup: instance}).values_list("pk", flat=True))
            if ids:
                transaction.on_commit(lambda model=page_model, ids=ids: index_objects(model, ids))

    return handler


def connect():
    following = pages_that_follow()
    handler = reindex_pages_that_show(following)
    for model in following:
        post_save.connect(handler, sender=model, dispatch_uid=f"search-reindex-{model._meta.label}")
        pre_delete.connect(
            handler, sender=model, dispatch_uid=f"search-reindex-deleted-{model._meta.label}"
        )
