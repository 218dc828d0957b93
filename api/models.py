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
