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
