"""Bulk indexing, for commands that write content without the signals that index it."""

from django.core.management import call_command
from wagtail.search import index
from wagtail.search.backends import get_search_backends


def followed_relations(search_fields, prefix=""):
    """The relations that search fields follow, as lookups: ``film``, ``film__composers``."""
    for field in search_fields:
        if isinstance(field, index.RelatedFields):
            lookup = prefix + field.field_name
            yield lookup
            yield from followed_relations(field.fields, f"{lookup}__")


def index_objects(model, ids):
    """Adds these objects of ``model`` to every search backend in one bulk write each,
    loading what their search fields follow in a query per relation."""
    objects = (
        model.get_indexed_objects()
        .filter(id__in=ids)
        .prefetch_related(*followed_relations(model.get_search_fields()))
    )
    for backend in get_search_backends():
        backend.add_bulk(model, objects)


def rebuild_index(**options):
    """Rebuilds every search backend's index from the database, with update_index's
    progress output (``stdout``, ``verbosity``)."""
    call_command("update_index", **options)
