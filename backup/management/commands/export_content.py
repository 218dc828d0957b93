import json
import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from backup import exports


class Command(BaseCommand):
    help = (
        "Writes all content (pages with their revisions, snippets, images and documents "
        "with their files, users and groups) to PATH, a new directory, for import_content."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A directory that does not exist yet, or is empty.")

    def handle(self, path, **options):
        path = Path(path)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise CommandError(f"{path} already exists and is not an empty directory.")
        verbose = options["verbosity"] > 0
        models = exports.exported_models()
        try:
            path.mkdir(parents=True, exist_ok=True)
            # One transaction, and on PostgreSQL one snapshot: the rows and the files
            # listed are of one moment, however much editors change meanwhile. (Called
            # inside a transaction already, it reads what that transaction sees.)
            snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
            with transaction.atomic():
                if snapshot:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                counts = exports.row_counts(models)
                with (
                    (path / exports.CONTENT).open("w") as stream,
                    tqdm(total=sum(counts.values()), unit="row", disable=not verbose) as progress,
                ):
                    exports.write_rows(models, stream, progress)
                files = list(exports.stored_files(models))
                migrations = exports.applied_migrations()
            missing = self.copy_files(files, path / exports.MEDIA, verbose)
        except OSError as error:
            raise CommandError(f"Could not write the export: {error}") from error

        manifest = {
            "format": exports.FORMAT,
            "exported_at": timezone.now().isoformat(),
            "migrations": migrations,
            "counts": counts,
            "files": len(files) - len(missing),
        }
        (path / exports.MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        for name in missing:
            self.stderr.write(f"Missing from storage, so not exported: {name}")
        if verbose:
            exported = exports.summary(counts, manifest["files"])
            self.stdout.write(self.style.SUCCESS(f"Exported {exported} to {path}."))

    def copy_files(self, files, media, verbose):
        """Copies each file into ``media``; returns the names storage no longer has."""
        missing = []
        for storage, name in tqdm(files, unit="file", disable=not verbose):
            target = media / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with storage.open(name) as source, target.open("wb") as copy:
                    shutil.copyfileobj(source, copy)
            except FileNotFoundError:
                missing.append(name)
        return missing
