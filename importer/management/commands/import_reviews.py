from django.core.management.base import BaseCommand, CommandError

from content.models import ReviewIndexPage
from importer.readers import READERS, UnreadableReview, read_review
from importer.reviews import import_review, source_of_file


class Command(BaseCommand):
    help = (
        "Imports reviews written as prose (.txt, .md, .html) as drafts: the intro, one "
        "commentary per track named in quotes, the conclusion. Importing a file again "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", choices=sorted(READERS), help="Read every file as this.")
        parser.add_argument(
            "--film", help="The film the review is of, where its headline does not say."
        )
        parser.add_argument(
            "--parent",
            type=int,
            help="The id of the review index to import under (the first one by default).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")

    def handle(self, *args, paths, format, film, parent, dry_run, **options):
        index = self.review_index(parent)
        reviews = []
        for path in paths:
            try:
                reviews.append((path, read_review(path, format)))
            except UnreadableReview as error:
                raise CommandError(str(error)) from error
        for path, (headline, paragraphs) in reviews:
            with open(path, encoding="utf-8-sig") as file:
                source = source_of_file(file.read())
            outcome = import_review(headline, paragraphs, index, source, film, dry_run)
            page = f"#{outcome.page.pk}" if outcome.page else "-"
            self.stdout.write(f"{outcome.action:<12} {page:>6}  {outcome.title}")
            for reason in outcome.reasons:
                self.stdout.write(f"{'':21}why: {reason}")
            for point in outcome.points_to_check:
                self.stdout.write(f"{'':21}check: {point}")

    def review_index(self, parent):
        indexes = ReviewIndexPage.objects.order_by("path")
        index = indexes.filter(pk=parent).first() if parent else indexes.first()
        if index is None:
            raise CommandError(
                f"no review index has id {parent}" if parent else "no review index to import under"
            )
        return index
