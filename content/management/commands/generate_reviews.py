import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from tqdm import tqdm
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from content.models import RATING_CHOICES, FilmReviewPage, FilmReviewPageTag, ReviewIndexPage
from content.signals import pages_created_in_bulk
from content.snippets import Film, FilmComposer, FilmDirector, Reviewer
from search.indexing import index_objects

# Words to build titles, names and commentary from: synthetic, and our own.
ADJECTIVES = [
    "Quiet", "Broken", "Golden", "Distant", "Silver", "Hidden", "Last", "Burning",
    "Paper", "Northern", "Electric", "Hollow", "Velvet", "Restless", "Frozen", "Open",
]  # fmt: skip
NOUNS = [
    "Harbour", "Signal", "Orchard", "Lantern", "Tide", "Mirror", "Meridian", "Garden",
    "Engine", "Winter", "Letter", "Horizon", "Station", "Echo", "Canyon", "Compass",
]  # fmt: skip
FIRST_NAMES = ["Ada", "Bruno", "Clara", "Dev", "Elif", "Femi", "Greta", "Hiro", "Iris", "Jonas"]
LAST_NAMES = ["Adler", "Borg", "Costa", "Dunn", "Eze", "Fox", "Grieg", "Holm", "Ito", "Juarez"]
MOODS = ["melancholy", "tense", "romantic", "eerie", "hopeful", "playful", "epic", "ambient"]
TEXTURES = ["strings", "piano", "synthesisers", "choir", "brass", "guitar", "percussion"]
VERBS = ["builds", "drifts", "circles", "swells", "settles", "breaks", "lingers", "turns"]

FILMS_PER_REVIEW = 4
REVIEWERS = 50
TRACKS_PER_REVIEW = (4, 12)


class Command(BaseCommand):
    help = (
        "Adds COUNT synthetic, published reviews (with their films and reviewers) under "
        "the first review index, for benchmarks and load tests."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many reviews to add.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument("--batch-size", type=int, default=1000, help="Reviews per transaction.")

    def handle(self, count, seed, batch_size, **options):
        if count < 1 or batch_size < 1:
            raise CommandError("COUNT and --batch-size must be whole numbers above zero.")
        index = ReviewIndexPage.objects.order_by("path").first()
        if index is None:
            raise CommandError("No review index: run 'python manage.py load_demo' first.")

        self.random = random.Random(seed)  # noqa: S311 (reproducible test data)
        self.run_id = f"{timezone.now():%Y%m%d%H%M%S}-{seed}"
        films = self.films(max(1, count // FILMS_PER_REVIEW))
        reviewers = self.reviewers()
        tags = [Tag.objects.get_or_create(name=mood)[0] for mood in MOODS]

        with tqdm(total=count, unit="review", disable=options["verbosity"] == 0) as progress:
            for start in range(0, count, batch_size):
                size = min(batch_size, count - start)
                with transaction.atomic():
                    index.refresh_from_db()
                    self.add_reviews(index, size, films, reviewers, tags)
                    pages_created_in_bulk.send(
                        FilmReviewPage,
                        parent=index,
                        related_models=[Film, FilmDirector, FilmComposer, Reviewer],
                    )
                progress.update(size)
        # Fresh statistics, or the database plans queries on these tables as if they were
        # nearly empty (SQLite then runs a full-text search once per indexed row). On
        # PostgreSQL, VACUUM also lets counts read indexes only; it cannot run inside a
        # transaction, such as a test's.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Added {count} reviews under {index.url_path}."))

    def title(self, number):
        return f"{self.random.choice(ADJECTIVES)} {self.random.choice(NOUNS)} {number}"

    def person(self):
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    def films(self, count):
        films = Film.objects.bulk_create(
            Film(
                title=self.title(f"{self.run_id}-{n}"), release_year=self.random.randint(1950, 2025)
            )
            for n in range(count)
        )
        FilmDirector.objects.bulk_create(
            FilmDirector(film=film, name=self.person()) for film in films
        )
        FilmComposer.objects.bulk_create(
            FilmComposer(film=film, name=self.person(), sort_order=order)
            for film in films
            for order in range(self.random.randint(1, 2))
        )
        return films

    def reviewers(self):
        return Reviewer.objects.bulk_create(
            Reviewer(name=f"{self.person()} ({self.run_id}-{n})", bio="Writes synthetic reviews.")
            for n in range(REVIEWERS)
        )

    def body(self, film):
        texture, mood = self.random.choice(TEXTURES), self.random.choice(MOODS)
        blocks = [
            ("intro", RichText(f"<p>The score of {film.title} leans on {texture}; {mood} "
                               f"more often than not, and the better for it.</p>")),
        ]  # fmt: skip
        for number in range(1, self.random.randint(*TRACKS_PER_REVIEW) + 1):
            verb = self.random.choice(VERBS)
            blocks.append(
                (
                    "track_commentary",
                    {
                        "track_title": f"{self.random.choice(NOUNS)} {number}",
                        "track_number": number,
                        "duration": f"{self.random.randint(1, 6)}:{self.random.randint(0, 59):02}",
                        "commentary": RichText(
                            f"<p>The {self.random.choice(TEXTURES)} {verb} under the scene, "
                            f"{self.random.choice(MOODS)} and unhurried.</p>"
                        ),
                    },
                )
            )
        blocks.append(
            ("conclusion", {"text": RichText(f"<p>A {mood} record.</p>"), "verdict": "Worth it."})
        )
        return blocks

    def add_reviews(self, index, size, films, reviewers, tags):
        """Inserts the reviews in bulk: treebeard paths computed here, one row each for the
        page and the review, no revisions, then one search index update for the batch."""
        last_child = index.get_last_child()
        first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
        content_type = ContentType.objects.get_for_model(FilmReviewPage)
        locale = Locale.get_default()
        now = timezone.now()

        reviews = []
        for offset in range(size):
            film = self.random.choice(films)
            title = f"{film.title}: a review"
            slug = f"review-{self.run_id}-{index.numchild + offset + 1}"
            published = now - timedelta(minutes=self.random.randint(0, 60 * 24 * 365 * 5))
            reviews.append(
                FilmReviewPage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    locale=locale,
                    path=Page._get_path(index.path, index.depth + 1, first_step + offset),
                    depth=index.depth + 1,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                    film=film,
                    reviewer=self.random.choice(reviewers),
                    teaser=f"A synthetic review of the score of {film.title}.",
                    rating=self.random.choice([None, *(value for value, _ in RATING_CHOICES)]),
                    album_title=f"{film.title} (Original Score)",
                    body=self.body(film),
                )
            )

        # Django cannot bulk insert a multi-table model: the pages go in bulk, the
        # review rows one by one, raw so that no per-object signal work runs.
        pages = Page.objects.bulk_create(
            Page(**{field.attname: getattr(review, field.attname)
                    for field in Page._meta.concrete_fields if not field.primary_key})
            for review in reviews
        )  # fmt: skip
        for page, review in zip(pages, reviews, strict=True):
            review.page_ptr_id = review.id = page.id
            review.save_base(raw=True, force_insert=True)
        FilmReviewPageTag.objects.bulk_create(
            FilmReviewPageTag(content_object_id=review.id, tag=tag)
            for review in reviews
            for tag in self.random.sample(tags, self.random.randint(1, 3))
        )
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + size)
        index_objects(FilmReviewPage, [review.id for review in reviews])
