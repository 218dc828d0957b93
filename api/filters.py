"""The filters of the API's listings: Wagtail's, made safe, and the review filters.

Each filter backend reads its own query parameters and says what they are: ours in
``get_schema_operation_parameters``, Wagtail's in ``api.openapi.filters``.
"""

import datetime
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2 import filters
from wagtail.api.v2.utils import BadRequestError, parse_boolean
from wagtail.models import Page, get_page_models

from content.models import RATING_CHOICES, FilmReviewPage, FilmReviewPageTag
from content.snippets import FilmComposer
from search.filters import filter_for_search

from .validation import as_integer, comma_separated, is_beyond_database_integers

# Items one list parameter (?tag=, ?film=) may name: each is a condition in the query.
MAX_LIST_ITEMS = 20
# rating_min=0 asks for every rated review.
RATING_MIN_RANGE = (Decimal(0), max(rating for rating, _label in RATING_CHOICES))
# ?order= for a different order each time.
RANDOM = "random"


class FieldsFilter(BaseFilterBackend):
    """Wagtail's field filters (?slug=her, ?film=1), where a foreign key takes a
    comma-separated list of ids, any of which matches (?film=1,2), and a value no column
    can hold is refused.

    Databases disagree about such values (an error on one, no match on another); the
    API answers 400 on all of them. The fields are the viewset's database fields, but
    ``locale``, which ``LocaleFilter`` reads as a language code.
    """

    def filter_queryset(self, request, queryset, view):
        for name in view.get_available_fields(queryset.model, db_fields_only=True):
            if name == "locale" or name not in request.GET:
                continue
            field = queryset.model._meta.get_field(name)
            value = request.GET[name]
            if isinstance(field, models.ForeignKey):
                queryset = queryset.filter(**{f"{name}__in": object_ids(name, value)})
                continue
            if not column_can_hold(field, value):
                raise BadRequestError(f"{name} is out of range")
            try:
                if isinstance(field, models.BooleanField):
                    value = parse_boolean(value)
                elif isinstance(field, models.IntegerField):
                    value = int(value)
            except ValueError as error:
                raise BadRequestError(f"{name}: {value!r} is not a valid value") from error
            queryset = queryset.filter(**{name: value})
        return queryset


def object_ids(name, value):
    """The ids of a comma-separated list, as a filter of a foreign key takes them."""
    ids = [as_integer(item) for item in comma_separated(name, value, MAX_LIST_ITEMS)]
    if any(pk is None or pk < 0 for pk in ids):
        raise BadRequestError(f"{name} takes ids (whole numbers), comma-separated")
    if any(is_beyond_database_integers(str(pk)) for pk in ids):
        raise BadRequestError(f"{name} is out of range")
    return ids


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
    """Filters reviews by composer, tags and minimum rating.

    Needs ``type=content.FilmReviewPage``, as Wagtail's own field filters do; ``film``
    and ``reviewer`` (ids) are among those field filters.
    Eg: ?type=content.FilmReviewPage&composer=Arcade Fire&tag=melancholy,electronic&rating_min=4
    """

    query_parameters = frozenset(["composer", "tag", "tag_any", "rating_min"])

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
            names = comma_separated("composer", request.GET["composer"], MAX_LIST_ITEMS)
            composers = FilmComposer.objects.filter(film=OuterRef("film"))
            conditions.append(Exists(composers.filter(any_of("name", names))))
        if "tag" in request.GET:
            for tag in comma_separated("tag", request.GET["tag"], MAX_LIST_ITEMS):
                conditions.append(Exists(tagged_with([tag])))
        if "tag_any" in request.GET:
            tags = comma_separated("tag_any", request.GET["tag_any"], MAX_LIST_ITEMS)
            conditions.append(Exists(tagged_with(tags)))
        if "rating_min" in request.GET:
            conditions.append(Q(rating__gte=self.parse_rating(request.GET["rating_min"])))
        # EXISTS conditions let the database start from the few matching rows.
        return filter_for_search(queryset, conditions, request)

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
            list_parameter(
                "composer",
                "reviews of scores by any of these composers",
                "A composer",
                "Arcade Fire",
            ),
            list_parameter("tag", "reviews with all these tags", "Tags", "ambient,bittersweet"),
            list_parameter(
                "tag_any", "reviews with any of these tags", "Tags", "ambient,bittersweet"
            ),
            {
                "name": "rating_min",
                "in": "query",
                "description": f"With `type={review_type}`: reviews rated at least this.",
                "schema": {"type": "number", "minimum": float(lowest), "maximum": float(highest)},
            },
        ]


def list_parameter(name, finds, example_name, example):
    """A review filter that takes a comma-separated list, as the OpenAPI document says."""
    return {
        "name": name,
        "in": "query",
        "description": f"With `type={FilmReviewPage._meta.label}`: {finds} "
        f"(comma-separated, at most {MAX_LIST_ITEMS}, in any case).",
        "schema": {"type": "string", "minLength": 1},
        "examples": {example_name: {"value": example}},
    }


def any_of(field, values):
    """Rows whose ``field`` is any of the values, in any case."""
    condition = Q()
    for value in values:
        condition |= Q(**{f"{field}__iexact": value})
    return condition


def tagged_with(tags):
    """A review's tags that are among these, in any case, for an EXISTS condition."""
    tagged = FilmReviewPageTag.objects.filter(content_object=OuterRef("pk"))
    return tagged.filter(any_of("tag__name", tags))


class UpdatedSinceFilter(BaseFilterBackend):
    """Pages published (for the first time or again) at or after a time, for a build that
    fetches only what changed since the last one. Eg: ?updated_since=2026-11-30T09:00:00Z"""

    def filter_queryset(self, request, queryset, view):
        if "updated_since" not in request.GET:
            return queryset
        since = parse_time("updated_since", request.GET["updated_since"])
        return queryset.filter(last_published_at__gte=since)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "updated_since",
                "in": "query",
                "description": "Pages published, for the first time or again, at or after "
                "this time (ISO 8601; UTC unless it says otherwise).",
                "schema": {"type": "string", "format": "date-time"},
            }
        ]


def parse_time(name, value):
    """An aware datetime from ISO 8601 text (a date alone is its midnight, UTC)."""
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            moment = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequestError(f"{name} must be a time in ISO 8601, e.g. 2026-11-30T09:00:00Z")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    try:
        moment.astimezone(datetime.UTC)
    except OverflowError as error:
        raise BadRequestError(f"{name} is out of range") from error
    return moment


class OrderingFilter(BaseFilterBackend):
    """One ordering (``?order=title``, ``-title`` for descending, or ``random``) among
    those ``orderings`` lists, with the id after it so that the order is total, and
    unrated reviews last whichever way ratings are sorted."""

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get("order")
        if value is None:
            return queryset
        allowed = orderings(view, queryset.model)
        if value not in allowed:
            raise BadRequestError(f"order must be one of {', '.join(allowed)}")
        if value == RANDOM:
            if "offset" in request.GET:
                raise BadRequestError("random order cannot be paged: leave out offset")
            return queryset.order_by("?")
        return queryset.order_by(*ordering_expressions(value))

    def get_schema_operation_parameters(self, view):
        models = [view.model]
        if issubclass(view.model, Page):
            models = [Page, *(model for model in get_page_models() if model is not Page)]
        shared = orderings(view, models[0])
        typed = [order for model in models[1:] for order in orderings(view, model)]
        choices = list(dict.fromkeys([*shared, *typed]))
        description = (
            "The order of the items: a field, `-field` for descending, or `random`. "
            "Ties are broken by id, in the same direction."
        )
        if len(choices) > len(shared):
            description += " Fields of one page type need that `type`."
        return [
            {
                "name": "order",
                "in": "query",
                "description": description,
                "schema": {"type": "string", "enum": choices},
            }
        ]


def orderings(view, model):
    """What ``?order=`` takes for a model's items: each column that filters, but the
    links to other objects, ascending or descending, and ``random``."""
    names = [
        name
        for name in view.get_available_fields(model, db_fields_only=True)
        if not model._meta.get_field(name).is_relation
    ]
    return [*names, *(f"-{name}" for name in names), RANDOM]


def ordering_expressions(order):
    """The ORDER BY of ``?order=``, the id last; nulls (unrated reviews) come last."""
    name = order.lstrip("-")
    descending = order.startswith("-")
    column = F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
    if name == "id":
        return [column]
    return [column, F("id").desc() if descending else F("id").asc()]


class LocaleFilter(filters.LocaleFilter):
    """Wagtail's ?locale filter, answering 400 for a locale that does not exist, as
    ?child_of does for a page that does not exist, rather than 404 for the whole listing."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except Http404:
            raise BadRequestError("locale does not exist") from None
