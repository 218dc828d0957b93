"""What ``export_content`` writes and ``import_content`` restores.

An export is a directory:

- ``manifest.json``: the format, when it was made, the migrations its database had, and
  how many rows of each model it holds;
- ``content.json``: every row of every model that holds content, in Django's
  serialisation, ids included (users, groups and permissions too, since pages,
  revisions and uploads point at them, and content types, since revisions store theirs
  by id);
- ``media/``: the files of images, renditions and documents, under their storage names.
"""

import datetime
import json
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField
from wagtail.snippets.models import get_snippet_models

FORMAT = 1
MANIFEST = "manifest.json"
CONTENT = "content.json"
MEDIA = "media"

# Models whose rows are not content: rebuilt from it, or short-lived.
EXCLUDED_MODELS = [
    "sessions.session",  # logins
    "wagtailsearch",  # the search index: rebuilt by update_index
    "wagtailcore.referenceindex",  # rebuilt by rebuild_references_index
    "wagtailcore.uploadedfile",  # uploads in progress
    "wagtailadmin.editingsession",  # who has an editor open now
    "wagtail_headless_preview.pagepreview",  # previews, good for an hour
    "api.apicachetag",  # the API response cache's state: api.cache
    "api.pagechange",  # the change feed, whose cursors a restore ends (a new epoch)
    "django_tasks_db",  # the task queue: work of the site the export was made on
    # Webhook endpoints, their secrets and deliveries: a copy restored on staging must
    # not post signed events to production's frontends.
    "webhooks",
]
# Loaded first: saving other rows looks content types up, and would add missing ones.
LOADED_FIRST = ["contenttypes", "auth"]


def exported_models():
    """The models whose rows an export holds, in the order they are loaded."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in EXCLUDED_MODELS
        and model._meta.label_lower not in EXCLUDED_MODELS
    ]
    return sorted(models, key=lambda model: model._meta.app_label not in LOADED_FIRST)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds: Django's rounds them to
    milliseconds (as JavaScript has them), and a restore would not be exact."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def write_rows(models, stream, progress):
    """Serialises every row of ``models`` to ``stream`` as JSON, model by model, in id
    order; ``progress`` is updated by one per row."""

    def rows():
        for model in models:
            for row in model._base_manager.order_by("pk").iterator(chunk_size=2000):
                progress.update(1)
                yield row

    serializers.serialize("json", rows(), stream=stream, cls=ExactJSONEncoder)


def stored_files(models):
    """``(storage, name)`` of every file that rows of ``models`` point at."""
    for model in models:
        for field in model._meta.concrete_fields:
            if not isinstance(field, FileField):
                continue
            names = model._base_manager.exclude(**{field.name: ""}).values_list(
                field.name, flat=True
            )
            for name in names.iterator():
                yield field.storage, name


def applied_migrations():
    """``["app_label.name", …]`` of the migrations this database has, sorted."""
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def read_manifest(path):
    return json.loads((Path(path) / MANIFEST).read_text())


def row_counts(models):
    """``{"wagtailcore.page": 12, …}``: how many rows each model has."""
    return {model._meta.label_lower: model._base_manager.count() for model in models}


def summary(counts, files):
    """E.g. "12 pages, 40 revisions, 5 snippets, 8 images, 1 document and 31 files"."""
    counts = Counter(counts)
    parts = {
        "page": counts["wagtailcore.page"],
        "revision": counts["wagtailcore.revision"],
        "snippet": sum(counts[model._meta.label_lower] for model in get_snippet_models()),
        "image": counts["wagtailimages.image"],
        "document": counts["wagtaildocs.document"],
        "user": counts["auth.user"],
        "file": files,
    }
    words = [counted(number, noun) for noun, number in parts.items()]
    return ", ".join(words[:-1]) + " and " + words[-1]


def counted(number, noun):
    """E.g. "1 page", "3 pages"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
