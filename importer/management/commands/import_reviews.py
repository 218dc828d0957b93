import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from content.models import ReviewIndexPage
from importer.from_wordpress import import_export
from importer.readers import READERS, UnreadableReview
from importer.reviews import FilmIndex, import_review, review_source_from_file
from importer.wordpress import WORDPRESS, UnreadableExport, is_export


class Command(BaseCommand):
    help = (
        "Imports reviews written as prose as drafts: the intro, one commentary per track "
        "named in quotes, the conclusion. Takes WordPress exports (.xml) with their "
        "comments, and single reviews (.txt, .md, .html). Importing again creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--format", choices=sorted([*READERS, WORDPRESS]), help="Read every file as this."
        )
        parser.add_argument(
            "--film", help="The film of single reviews, whatever their headlines say."
        )
        parser.add_argument(
            "--parent",
            type=int,
            help="The id of the review index to import under (the first one by default).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the posts WordPress had published, with their dates, not drafts.",
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="Where the blog's wp-content/uploads folder was copied, for featured images.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")

    def handle(self, *args, paths, format, film, parent, publish, media_dir, dry_run, **options):
        index = self.review_index(parent)
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder")
        exports = [path for path in paths if is_export(path, format)]
        if exports and film:
            raise CommandError(
                "--film names the film of single reviews; an export's posts name theirs "
                "in their headlines"
            )
        singles = []
        for path in paths:
            if path not in exports:
                try:
                    singles.append(review_source_from_file(path, format, film))
                except UnreadableReview as error:
                    raise CommandError(str(error)) from error
        for path in exports:
            self.import_export(path, index, publish, dry_run, media_dir)
        films = FilmIndex()
        for review in singles:
            self.report(import_review(review, index, dry_run, films))

    def import_export(self, path, index, publish, dry_run, media_dir):
        size = os.path.getsize(path) if os.path.isfile(path) else None
        # On a terminal only: a log gets the lines of the report.
        with tqdm(total=size, unit="B", unit_scale=True, file=sys.stderr, disable=None) as bar:

            def progress(position):
                bar.update(position - bar.n)

            try:
                skipped = import_export(
                    path, index, self.report, publish, dry_run, media_dir, progress
                )
            except UnreadableExport as error:
                raise CommandError(f"{error}; nothing was imported from it") from error
        if skipped:
            counts = ", ".join(
                f"{count} {kind}{'' if count == 1 else 's'}"
                for kind, count in sorted(skipped.items())
            )
            self.stdout.write(f"Not reviews, skipped: {counts}.")

    def report(self, outcome):
        page = f"#{outcome.page.pk}" if outcome.page else "-"
        self.stdout.write(f"{outcome.action:<20} {page:>6}  {outcome.title}")
        for reason in outcome.reasons:
            self.stdout.write(f"{'':29}why: {reason}")
        for point in outcome.points_to_check:
            self.stdout.write(f"{'':29}check: {point}")

    def review_index(self, parent):
        indexes = ReviewIndexPage.objects.order_by("path")
        index = indexes.filter(pk=parent).first() if parent else indexes.first()
        if index is None:
            raise CommandError(
                f"no review index has id {parent}" if parent else "no review index to import under"
            )
        return index
