"""The filters of the API's listings: Wagtail's, made safe, and the review filters.

Each filter backend reads its own query parameters and says what they are: ours in
``get_schema_operation_parameters``, Wagtail's in ``api.openapi.filters``.
"""

from decimal import ROUND_CEILING, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2 import filters
from wagtail.api.v2.utils import BadRequestError

from content.models import RATING_CHOICES, FilmReviewPage, FilmReviewPageTag
from content.snippets import FilmComposer
from search.filters import filter_for_search

from .validation import is_beyond_database_integers

# Tags one ?tag= filter may name: each is a condition in the query.
MAX_TAGS = 20
# rating_min=0 asks for every rated review.
RATING_MIN_RANGE = (Decimal(0), max(rating for rating, _label in RATING_CHOICES))


class FieldsFilter(filters.FieldsFilter):
    """Wagtail's field filters (?film=1, ?slug=her), refusing values no column can hold.

    Databases disagree about such values (an error on one, no match on another); the
    API answers 400 on all of them. The fields are the viewset's database fields.
    """

    def filter_queryset(self, request, queryset, view):
        for name in view.get_available_fields(queryset.model, db_fields_only=True):
            field = queryset.model._meta.get_field(name)
            if name in request.GET and not column_can_hold(field, request.GET[name]):
                raise BadRequestError(f"{name} is out of range")
        return super().filter_queryset(request, queryset, view)


def column_can_hold(field, value):
    """False where the value reads as the field's type but lies beyond what its column
    holds: an id past 64 bits, a time past the year 9999 in UTC, a number with more
    digits than the column. A value of another type is left to Wagtail's and Django's
    own messages."""
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if isinstance(field, models.IntegerField):
        return not is_beyond_database_integers(value)
    try:
        python_value = field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return True
    try:
        if isinstance(field, models.DecimalField):
            # Its digits, before and after the point: 4.50 is 4.5, and fits.
            field.run_validators(python_value.normalize())
        field.get_db_prep_value(python_value, connection)
    except (ValidationError, OverflowError, ArithmeticError):
        return False
    return True


class ReviewFilter(BaseFilterBackend):
    """Filters reviews by composer, tag and minimum rating.

    Needs ``type=content.FilmReviewPage``, as Wagtail's own field filters do; ``film``
    (a film id) is one of those field filters.
    Eg: ?type=content.FilmReviewPage&composer=Arcade Fire&tag=melancholy,electronic&rating_min=4
    """

    query_parameters = frozenset(["composer", "tag", "rating_min"])

    def filter_queryset(self, request, queryset, view):
        requested = sorted(self.query_parameters.intersection(request.GET))
        if not requested:
            return queryset
        if not issubclass(queryset.model, FilmReviewPage):
            raise BadRequestError(
                f"{', '.join(requested)} can only be used with type=content.FilmReviewPage"
            )

        conditions = []
        if "composer" in request.GET:
            composers = FilmComposer.objects.filter(
                film=OuterRef("film"), name__iexact=request.GET["composer"]
            )
            conditions.append(Exists(composers))
        if "tag" in request.GET:
            for tag in self.parse_tags(request.GET["tag"]):
                tagged = FilmReviewPageTag.objects.filter(
                    content_object=OuterRef("pk"), tag__name__iexact=tag
                )
                conditions.append(Exists(tagged))
        if "rating_min" in request.GET:
            conditions.append(Q(rating__gte=self.parse_rating(request.GET["rating_min"])))
        # EXISTS conditions let the database start from the few matching rows.
        return filter_for_search(queryset, conditions, request)

    @staticmethod
    def parse_tags(value):
        """The distinct tags of a comma-separated list; each one is a condition, and the
        database takes only so many."""
        tags = {tag.strip().casefold() for tag in value.split(",")} - {""}
        if len(tags) > MAX_TAGS:
            raise BadRequestError(f"tag takes at most {MAX_TAGS} tags")
        return sorted(tags)

    @staticmethod
    def parse_rating(value):
        lowest, highest = RATING_MIN_RANGE
        try:
            rating = Decimal(value)
        except InvalidOperation:
            rating = None
        if rating is None or not rating.is_finite() or not lowest <= rating <= highest:
            raise BadRequestError(
                f"rating_min must be a number from {lowest} to {highest.normalize()}"
            )
        # A bound finer than the column's decimal places (1e-999999, which PostgreSQL
        # cannot compare) means the same rounded up to them.
        places = FilmReviewPage._meta.get_field("rating").decimal_places
        return rating.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)

    def get_schema_operation_parameters(self, view):
        review_type = FilmReviewPage._meta.label
        lowest, highest = RATING_MIN_RANGE
        return [
            {
                "name": "composer",
                "in": "query",
                "description": f"With `type={review_type}`: reviews of this composer's scores.",
                "schema": {"type": "string"},
                "examples": {"A composer": {"value": "Arcade Fire"}},
            },
            {
                "name": "tag",
                "in": "query",
                "description": f"With `type={review_type}`: reviews with all these tags "
                f"(comma-separated, at most {MAX_TAGS}, in any case).",
                "schema": {"type": "string"},
                "examples": {"Tags": {"value": "ambient,bittersweet"}},
            },
            {
                "name": "rating_min",
                "in": "query",
                "description": f"With `type={review_type}`: reviews rated at least this.",
                "schema": {"type": "number", "minimum": float(lowest), "maximum": float(highest)},
            },
        ]


class OrderingFilter(filters.OrderingFilter):
    """Wagtail's ordering, with unrated reviews last whichever way ratings are sorted."""

    def filter_queryset(self, request, queryset, view):
        queryset = super().filter_queryset(request, queryset, view)
        ordering = queryset.query.order_by
        if not any(field.lstrip("-") == "rating" for field in ordering):
            return queryset
        return queryset.order_by(
            *(
                F(field.lstrip("-")).desc(nulls_last=True)
                if field.startswith("-")
                else F(field).asc(nulls_last=True)
                for field in ordering
            )
        )


class LocaleFilter(filters.LocaleFilter):
    """Wagtail's ?locale filter, answering 400 for a locale that does not exist, as
    ?child_of does for a page that does not exist, rather than 404 for the whole listing."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except Http404:
            raise BadRequestError("locale does not exist") from None
