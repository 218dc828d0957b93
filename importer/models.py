from django.conf import settings
from django.db import models


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


class ImportRun(models.Model):
    """An import an editor started in the admin: the file they uploaded, kept only until
    it is read, and what became of each review in it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    file = models.FileField(upload_to="imports/", blank=True)
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
