"""Imports started in the admin, run in the background by Django's tasks framework: a
large export takes minutes, longer than a request should."""

import logging
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from .from_wordpress import import_export
from .models import ImportRun
from .readers import UnreadableReview
from .reviews import import_review, review_source_from_file
from .wordpress import UnreadableExport, is_export

logger = logging.getLogger(__name__)


class IndexGone(Exception):
    """The review index an import was to go under was deleted before it started."""


@task()
def run_import(run_id):
    """Imports the file of an ``ImportRun``, once, then deletes the file: an export holds
    the blog's readers' email addresses."""
    run = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).first()
    if run is None:
        return
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    outcomes = []

    def report(outcome):
        outcomes.append(outcome.as_json())

    try:
        if run.parent is None:
            raise IndexGone("The review index to import under was deleted")
        with local_copy(run.file, run.filename) as path:
            if is_export(path):
                skipped = import_export(
                    path,
                    run.parent,
                    report,
                    publish=run.publish,
                    dry_run=run.dry_run,
                    user=run.started_by,
                )
                run.skipped = dict(sorted(skipped.items()))
            else:
                review = review_source_from_file(path, film_title=run.film_title or None)
                report(import_review(review, run.parent, run.dry_run, user=run.started_by))
        run.status = ImportRun.Status.FINISHED
        run.outcomes = outcomes
    except (UnreadableExport, UnreadableReview, IndexGone) as error:
        run.status, run.error = ImportRun.Status.FAILED, f"{error}; nothing was imported."
    except Exception:
        logger.exception("Import %s failed", run.pk)
        run.status = ImportRun.Status.FAILED
        run.error = "The import stopped on an unexpected error. Nothing was imported."
    finally:
        run.file.delete(save=False)
        run.finished_at = timezone.now()
        run.save()


@contextmanager
def local_copy(file, name):
    """A path to a copy of a stored file, under its own name, wherever the storage keeps
    it (the readers read files from disk)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, Path(name).name)
        with file.open("rb") as source, open(path, "wb") as copy:
            shutil.copyfileobj(source, copy)
        yield path
