from django.db.models.signals import post_save, pre_delete, pre_save
from wagtail.models import Page

from api.models import PageChange
from content.models import FilmReviewPage
from content.snippets import Film
from replies.models import Reply

from .events import (
    film_data,
    note_review_before_deletion,
    record,
    record_review_change,
    reply_data,
)


def review_changed(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_review_change(instance)


def reply_saved(sender, instance, raw=False, **kwargs):
    """A reply the public sees now and did not before: approved, on a public review."""
    if raw or instance.was_public or not instance.saving_changes_what_the_public_sees:
        return
    if Reply.objects.public().filter(pk=instance.pk).exists():
        record("reply.approved", reply_data(instance))


def note_film_before(sender, instance, raw=False, **kwargs):
    """The film as it was, with its people: a save that changes nothing makes no event."""
    before = Film.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance.data_before_save = before.serializable_data() if before else None


def film_saved(sender, instance, created, raw=False, **kwargs):
    """A film the public sees, through its reviews, that changed. The people a form
    changes are in the instance, not yet in the database."""
    if raw or created or instance.data_before_save == instance.serializable_data():
        return
    if (data := film_data(instance))["reviews"]:
        record("film.changed", data)


def review_deleting(sender, instance, **kwargs):
    """A public review about to be deleted: what it was listed in, for its event."""
    review = instance.specific_deferred
    if (
        isinstance(review, FilmReviewPage)
        and Page.objects.live().public().filter(pk=review.pk).exists()
    ):
        note_review_before_deletion(review)


def register_signal_handlers():
    post_save.connect(review_changed, sender=PageChange)
    pre_delete.connect(review_deleting, sender=Page)
    post_save.connect(reply_saved, sender=Reply)
    pre_save.connect(note_film_before, sender=Film)
    post_save.connect(film_saved, sender=Film)
