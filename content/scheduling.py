"""Scheduled publishing: what editors schedule goes live at its time, and says so."""

from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published)
def first_published_at_go_live(sender, instance, revision, **kwargs):
    """A page that first goes live on schedule was first published at its go-live time,
    not whenever the scheduler next ran (up to a minute later, or longer if it was down).

    Only the first publication moves: ``last_published_at`` stays the time the page
    really changed, which incremental builds ask for.
    """
    # Wagtail also sends this signal when it schedules a revision, before it goes live.
    went_live = revision is not None and instance.live_revision_id == revision.pk
    go_live_at = revision.approved_go_live_at if went_live else None
    if go_live_at and instance.first_published_at == instance.last_published_at:
        instance.first_published_at = go_live_at
        # Saved, not updated, so that the API's cache hears of it.
        instance.save(update_fields=["first_published_at"], clean=False)
