"""A review's count of published replies, in its JSON (``reply_count``)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from rest_framework import serializers

from headless import visibility
from replies.models import Reply

# The page type that takes replies.
REVIEW_MODEL = Reply._meta.get_field("page").related_model


def takes_replies(model):
    return issubclass(model, REVIEW_MODEL)


def public_reviews(request):
    return REVIEW_MODEL.objects.filter(pk__in=visibility.public_pages(request).values("pk"))


def with_reply_counts(reviews):
    """Reviews, each with its count of published replies, in the same query."""
    published = Reply.objects.public().filter(page=OuterRef("pk")).order_by()
    counts = published.values("page").annotate(count=Count("pk")).values("count")
    return reviews.annotate(
        public_reply_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0)
    )


class ReplyCountField(serializers.IntegerField):
    """How many of the review's replies are published (``/api/v2/replies/?page=``).

    Example:
    "reply_count": 3
    """

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "How many of the review's replies are published, answers to replies included: "
            "the items of /api/v2/replies/?page=<id>.",
        )
        super().__init__(read_only=True, min_value=0, source="*", **kwargs)

    def to_representation(self, review):
        count = getattr(review, "public_reply_count", None)
        if count is None:  # a preview, which is not loaded through a listing's query
            return Reply.objects.public().filter(page_id=review.pk).count() if review.pk else 0
        return count
