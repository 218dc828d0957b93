from django.db import models
from django.utils import timezone


class ApiCacheTag(models.Model):
    """When an object that API responses show last changed, for the response cache.

    ``key`` names the object (``page:5``, ``film:2``) or a listing (``page:list``);
    ``version`` is the value of the ``generation`` row's counter when it last changed,
    ``changed_at`` the time, which responses' Last-Modified comes from.
    Kept in the database, beside the content, so that every process sees a change the
    moment it commits, whichever cache backend each process uses (see ``api.cache``).
    """

    key = models.CharField(max_length=100, primary_key=True)
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.key} @ {self.version}"


class PageChange(models.Model):
    """Something that happened to a page as the public sees it, for the change feed
    (``/api/v2/changes/``): recorded in the same transaction as the change, by
    ``api.changes.record``, and kept for ``API_CHANGES_RETENTION_DAYS``.

    The page is named by id and type, not by a key: a deleted page keeps its events.
    """

    class Event(models.TextChoices):
        PUBLISHED = "published"
        UNPUBLISHED = "unpublished"
        DELETED = "deleted"
        MOVED = "moved"

    page_id = models.PositiveBigIntegerField()
    page_type = models.CharField(max_length=100)
    event = models.CharField(max_length=20, choices=Event.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Blank where there is none (the API gives null).
    html_url = models.URLField(max_length=2048, blank=True)
    old_html_url = models.URLField(max_length=2048, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.page_type} {self.page_id} {self.event} at {self.at:%Y-%m-%d %H:%M:%S}"
