import uuid
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# A run the worker has not said anything of for this long has stopped.
STALLED = timedelta(minutes=10)
# How long a run waits for a worker before the editor is asked whether one is running.
WAIT_HINT = timedelta(minutes=1)


class ImportedReview(models.Model):
    """Where a review came from, so that importing it again creates nothing: a WordPress
    post by its GUID, a single file by the digest of its content. ``digest`` and
    ``revision`` say what was imported last, and whether an editor has changed the draft
    since (its latest revision is another)."""

    source = models.CharField(max_length=255, unique=True)
    page = models.ForeignKey("content.FilmReviewPage", on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.source


class ImportedReply(models.Model):
    """A WordPress comment imported as a reply, by the export's GUID and comment id."""

    source = models.CharField(max_length=255, unique=True)
    reply = models.ForeignKey("replies.Reply", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return self.source


def upload_path(run, filename):
    """A folder no one can guess for each upload: media are public, and an export holds
    its readers' email addresses until it is read and deleted."""
    return f"imports/{uuid.uuid4().hex}/{filename}"


class ImportRun(models.Model):
    """An import an editor started in the admin: the file they uploaded, kept only until
    it is read, and what became of each review in it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    file = models.FileField(upload_to=upload_path, blank=True)
    filename = models.CharField(max_length=255)
    parent = models.ForeignKey(
        "content.ReviewIndexPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    film_title = models.CharField(max_length=255, blank=True)
    publish = models.BooleanField(default=False)
    dry_run = models.BooleanField(default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the worker last said how far it got: a run that stops saying so has stopped.
    progressed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Why it failed, in a line.
    error = models.TextField(blank=True)
    # One per review: {"action", "title", "page_id", "reasons", "points_to_check"}.
    outcomes = models.JSONField(default=list, blank=True)
    # Items of an export that are not reviews, by their type: {"page": 2, …}.
    skipped = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.filename

    @property
    def in_progress(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def waiting_long(self):
        """Whether it has waited long for a worker to start it: is one running?"""
        return self.status == self.Status.QUEUED and timezone.now() - self.created_at > WAIT_HINT

    def stop_if_stalled(self):
        """Ends a run whose worker stopped saying how far it got (it was stopped, or
        died), saying so, so that it does not read "Importing…" for ever."""
        if self.status != self.Status.RUNNING or timezone.now() - self.progressed_at < STALLED:
            return
        self.status = self.Status.FAILED
        self.error = (
            "The import stopped before its end (was the task worker stopped?). The reviews "
            "listed are in: upload the file again to import the rest, nothing comes in twice."
        )
        self.file.delete(save=False)
        self.finished_at = timezone.now()
        self.save()

    def skipped_kinds(self):
        """``(kind, count)`` of the items skipped, by kind: PostgreSQL keeps a JSON
        object's keys in an order of its own."""
        return sorted(self.skipped.items())

    def summary(self):
        """How many reviews were created, updated, skipped…: "2 created, 1 skipped"."""
        counts = Counter(outcome["action"].split(",")[0] for outcome in self.outcomes)
        return ", ".join(f"{count} {action}" for action, count in counts.items())
