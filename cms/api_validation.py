"""Request checks that Wagtail's API endpoints lack, so that bad input gets a 400, not a 500."""

from django.core.exceptions import ValidationError
from django.db import models
from rest_framework.response import Response
from wagtail.api.v2 import filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

# The range of a 64-bit signed integer column, the widest integer our databases store.
MIN_DATABASE_INTEGER, MAX_DATABASE_INTEGER = -(2**63), 2**63 - 1


def is_database_integer(value):
    return MIN_DATABASE_INTEGER <= int(value) <= MAX_DATABASE_INTEGER


class FieldsFilter(filters.FieldsFilter):
    """Wagtail's field filters (?film=1, ?slug=her), refusing ids no database column holds.

    Databases disagree about such ids (an error on SQLite, no match on PostgreSQL);
    the API answers 400 on all of them.
    """

    def filter_queryset(self, request, queryset, view):
        for name in view.get_available_fields(queryset.model, db_fields_only=True):
            field = queryset.model._meta.get_field(name)
            value = request.GET.get(name, "")
            if (
                isinstance(field, models.AutoField | models.IntegerField | models.ForeignKey)
                and value.lstrip("-").isdigit()
                and not is_database_integer(value)
            ):
                raise BadRequestError(f"{name} is out of range")
        return super().filter_queryset(request, queryset, view)


class Pagination(WagtailPagination):
    """Wagtail's pagination, refusing an offset past what a database can count."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isdigit() and not is_database_integer(offset):
            raise BadRequestError("offset is out of range")
        return super().paginate_queryset(queryset, request, view=view)


class ClientErrorsMixin:
    """For API viewsets: answers 400 to input that Wagtail's endpoints pass to the database."""

    pagination_class = Pagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # PostgreSQL refuses text with NUL characters, and SQLite's search chokes on them.
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            raise BadRequestError("query parameters cannot contain null characters")
        if request.GET.get("search_operator", "") not in ("", "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")

    def find_object(self, queryset, request):
        if "id" in request.GET and not request.GET["id"].isdigit():
            raise BadRequestError("id must be a whole number")
        return super().find_object(queryset, request)

    def handle_exception(self, exc):
        # A filter value the database cannot read (a date that is not a date) is the
        # client's mistake, not a server error.
        if isinstance(exc, ValidationError):
            message = f"invalid filter value: {' '.join(exc.messages)}"
            return Response({"message": message}, status=400)
        return super().handle_exception(exc)
