"""Test data: factories for snippets, images and replies, and a helper that publishes
reviews."""

from io import BytesIO
from unittest import mock

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images.models import Image

from content.models import FilmReviewPage
from content.snippets import Film, FilmComposer, FilmDirector, Reviewer
from replies.models import Reply

# The tracks of the demo's review of the Her score, in the order ../shared/demo-facts.md gives.
HER_TRACKS = [
    "Sleepwalker",
    "Some Other Places",
    "Photograph",
    "We Are All Leaving",
    "Dimensions",
    "Loneliness #3 (Night Talking)",
]


def png_file(name="image.png", size=(64, 48)):
    buffer = BytesIO()
    PILImage.new("RGB", size, "#336699").save(buffer, format="PNG")
    return ImageFile(buffer, name=name)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.LazyFunction(png_file)


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Film {n}")
    release_year = 2013
    poster = factory.SubFactory(ImageFactory)

    @factory.post_generation
    def composers(film, create, names):
        for name in names or ["Arcade Fire", "Owen Pallett"]:
            FilmComposer.objects.create(film=film, name=name)

    @factory.post_generation
    def directors(film, create, names):
        for name in names or ["Spike Jonze"]:
            FilmDirector.objects.create(film=film, name=name)


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    name = factory.Sequence(lambda n: f"Reviewer {n}")
    bio = "Listens closely."
    photo = factory.SubFactory(ImageFactory)


def intro(html="<p>An intro.</p>"):
    return {"type": "intro", "value": html}


def track(title, commentary="<p>Some commentary.</p>", **fields):
    return {
        "type": "track_commentary",
        "value": {"track_title": title, "commentary": commentary, **fields},
    }


def conclusion(html="<p>A conclusion.</p>", verdict=""):
    return {"type": "conclusion", "value": {"text": html, "verdict": verdict}}


def review_body(*track_titles):
    return [intro(), *(track(title) for title in track_titles or ["Sleepwalker"]), conclusion()]


def make_review(parent, publish=True, tags=(), **fields):
    """Adds a review under ``parent`` (a review index) and, by default, publishes it."""
    fields.setdefault("title", f"Review {FilmReviewPage.objects.count() + 1}")
    fields.setdefault("teaser", "A short teaser.")
    fields.setdefault("body", review_body())
    if "film" not in fields:
        fields["film"] = FilmFactory()
    review = FilmReviewPage(live=publish, **fields)
    review.tags.add(*tags)
    parent.add_child(instance=review)
    revision = review.save_revision()
    if publish:
        revision.publish()
    return review


def sign_preview_token_at(moment, identifier):
    """A preview token as the admin would have issued it at ``moment``."""
    with mock.patch("django.core.signing.time.time", return_value=moment.timestamp()):
        return FilmReviewPage.get_preview_signer().sign(identifier)


class ReplyFactory(factory.django.DjangoModelFactory):
    """A reader's reply; pass ``page`` (a review). Approved unless told otherwise."""

    class Meta:
        model = Reply

    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    body = "The cue under the credits stayed with me."
    status = Reply.Status.APPROVED


def user_in_group(group_name, username, **fields):
    """A user in one of the editorial groups, which get their permissions first."""
    call_command("set_up_roles", stdout=None)
    user = get_user_model().objects.create_user(username=username, password="x", **fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user
