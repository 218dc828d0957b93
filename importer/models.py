from django.db import models


class ImportedReview(models.Model):
    """Where a review came from, so that importing it again changes nothing: a single
    file by the digest of its content."""

    source = models.CharField(max_length=255, unique=True)
    page = models.ForeignKey("content.FilmReviewPage", on_delete=models.CASCADE, related_name="+")
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.source
