from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Site

from content import demo_content
from content.models import FilmReviewPage, ReviewIndexPage
from content.roles import set_up_roles
from content.signals import demo_content_loaded
from content.snippets import Film, FilmCastMember, FilmComposer, FilmDirector, Reviewer


def artwork(title, colours, size):
    """A generated image (a gradient with a few discs), so the demo needs no downloads."""
    width, height = size
    image = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top, bottom = (PILImage.new("RGB", (1, 1), colour).getpixel((0, 0)) for colour in colours)
    for y in range(height):
        mix = y / max(height - 1, 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)),
        )
    for step in range(1, 4):
        radius = width // (step + 2)
        centre = (width * step // 4, height // 2)
        draw.ellipse(
            [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
            outline=bottom,
            width=3,
        )
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(buffer, name=f"{slugify(title)}.png")


class Command(BaseCommand):
    help = (
        "Loads the demo reviews, their films and reviewers, and an account for each role. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even where the settings say it does not belong (production).",
        )

    def handle(self, *args, force, **options):
        if not settings.DEMO_CONTENT_ALLOWED and not force:
            raise CommandError(
                "These settings are for production, where the demo's accounts, whose "
                "password is known, do not belong: use --force to load them anyway."
            )
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No default site: run 'python manage.py migrate' first.")

        with transaction.atomic():
            index = self.reviews_index(site.root_page)
            reviewers = {data["name"]: self.reviewer(data) for data in demo_content.REVIEWERS}
            films = {
                (data["title"], data["release_year"]): self.film(data)
                for data in demo_content.FILMS
            }
            reviews = {
                data["slug"]: self.review(
                    index, data, films[data["film"]], reviewers[data["reviewer"]]
                )
                for data in demo_content.REVIEWS
            }
            demo_content_loaded.send(FilmReviewPage, reviews=reviews, report=self.report)
            self.accounts()

        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def report(self, created, label):
        self.stdout.write(f"  {'created' if created else 'exists '}  {label}")

    def image(self, title, colours, size):
        image_model = get_image_model()
        image = image_model.objects.filter(title=title).first()
        if image is None:
            image = image_model.objects.create(
                title=title,
                description="Abstract artwork: three rings on a colour gradient",
                file=artwork(title, colours, size),
            )
        return image

    def reviews_index(self, home):
        index = ReviewIndexPage.objects.child_of(home).filter(slug="reviews").first()
        created = index is None
        if created:
            index = home.add_child(
                instance=ReviewIndexPage(
                    title="Reviews",
                    slug="reviews",
                    introduction="Reviews of film scores, track by track.",
                )
            )
            index.save_revision().publish()
        self.report(created, f"review index {index.url}")
        return index

    def reviewer(self, data):
        reviewer = Reviewer.objects.filter(name=data["name"]).first()
        created = reviewer is None
        if created:
            reviewer = Reviewer.objects.create(
                name=data["name"],
                bio=data["bio"],
                photo=self.image(f"{data['name']}, portrait artwork", data["colours"], (480, 480)),
            )
        self.report(created, f"reviewer {reviewer}")
        return reviewer

    def film(self, data):
        film = Film.objects.filter(title=data["title"], release_year=data["release_year"]).first()
        created = film is None
        if created:
            film = Film(
                title=data["title"],
                release_year=data["release_year"],
                imdb_id=data["imdb_id"],
                poster=self.image(f"{data['title']}, poster artwork", data["colours"], (600, 900)),
                directors=[FilmDirector(name=name) for name in data["directors"]],
                composers=[FilmComposer(name=name) for name in data["composers"]],
                cast=[
                    FilmCastMember(name=name, character=character)
                    for name, character in data["cast"]
                ],
            )
            film.save()
        self.report(created, f"film {film}")
        return film

    def review(self, index, data, film, reviewer):
        review = FilmReviewPage.objects.child_of(index).filter(slug=data["slug"]).first()
        created = review is None
        if created:
            album = data["album"]
            review = FilmReviewPage(
                title=data["title"],
                slug=data["slug"],
                film=film,
                reviewer=reviewer,
                teaser=data["teaser"],
                rating=Decimal(data["rating"]),
                hero_image=self.image(
                    f"{film.title} review, hero artwork", data["colours"], (1600, 900)
                ),
                album_title=album["title"],
                album_label=album.get("label", ""),
                album_release_year=album.get("release_year"),
                body=data["body"],
            )
            review.tags.add(*data["tags"])
            index.add_child(instance=review)
            review.save_revision().publish()
        self.report(created, f"review {review.url}")
        return review

    def accounts(self):
        """An account for each role, all with the demo password."""
        set_up_roles()
        password = settings.DEMO_EDITOR_PASSWORD
        roles = [
            (settings.DEMO_EDITOR_USERNAME, "Editors", "writes reviews and submits them"),
            ("moderator", "Moderators", "also publishes, schedules and manages tags"),
        ]
        # Where the demo is forced on production settings, no superuser of a known password.
        if settings.DEMO_CONTENT_ALLOWED:
            roles.append(("admin", None, "administers everything"))
        user_model = get_user_model()
        for username, group_name, does in roles:
            user = user_model.objects.filter(username=username).first()
            created = user is None
            if created:
                user = user_model.objects.create_user(
                    username=username,
                    password=password,
                    first_name="Demo",
                    last_name=(group_name or "Administrator").removesuffix("s"),
                    is_superuser=group_name is None,
                )
                if group_name:
                    user.groups.add(Group.objects.get(name=group_name))
            self.report(created, f"account '{username}' ({does})")
        *others, last = [f"'{username}'" for username, *_ in roles]
        self.stdout.write(
            f"\nLog in at {settings.CMS_BASE_URL}/admin/ as {', '.join(others)} or {last} "
            f"with password '{password}'."
        )
