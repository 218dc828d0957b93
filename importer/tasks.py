"""Imports started in the admin, run in the background by Django's tasks framework: a
large export takes minutes, longer than a request should."""

import logging
import shutil
import tempfile
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from .from_wordpress import import_export
from .models import ImportRun
from .readers import UnreadableReview
from .reviews import import_review, review_source_from_file
from .wordpress import UnreadableExport, is_export

logger = logging.getLogger(__name__)

# How often a run saves how far it got.
PROGRESS_EVERY = timedelta(seconds=5)


class IndexGone(Exception):
    """The review index an import was to go under was deleted before it started."""


# Ahead of the index updates a large import leaves queued.
@task(priority=10)
def run_import(run_id):
    """Imports the file of an ``ImportRun``, once, then deletes the file: an export holds
    the blog's readers' email addresses. What it did is saved as it goes, every few
    seconds, so that the editor sees it progress, and a run that stops says how far it
    got."""
    run = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).first()
    if run is None:
        return
    run.status, run.progressed_at = ImportRun.Status.RUNNING, timezone.now()
    run.save(update_fields=["status", "progressed_at"])

    def report(outcome):
        run.outcomes.append(outcome.as_json())
        if timezone.now() - run.progressed_at > PROGRESS_EVERY:
            run.progressed_at = timezone.now()
            run.save(update_fields=["outcomes", "progressed_at"])

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
                run.skipped = dict(skipped)
            else:
                review = review_source_from_file(path, film_title=run.film_title or None)
                report(import_review(review, run.parent, run.dry_run, user=run.started_by))
        run.status = ImportRun.Status.FINISHED
    except (UnreadableExport, UnreadableReview, IndexGone) as error:
        run.status, run.error = ImportRun.Status.FAILED, f"{error}; nothing was imported."
    except Exception:
        logger.exception("Import %s failed", run.pk)
        run.status = ImportRun.Status.FAILED
        run.error = "The import stopped on an unexpected error. The reviews listed are in."
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
