"""Paging through listings: Wagtail's limit and offset."""

from django.conf import settings
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from .validation import is_beyond_database_integers

# Items a listing holds when ?limit= does not say, as Wagtail pages them.
DEFAULT_LIMIT = 20


class Pagination(WagtailPagination):
    """Wagtail's pagination, refusing an offset past what a database can count."""

    def paginate_queryset(self, queryset, request, view=None):
        if is_beyond_database_integers(request.GET.get("offset", "")):
            raise BadRequestError("offset is out of range")
        return super().paginate_queryset(queryset, request, view=view)

    def get_schema_operation_parameters(self, view):
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        return [
            {
                "name": "limit",
                "in": "query",
                "description": f"How many items, {DEFAULT_LIMIT} unless this says "
                f"otherwise; at most {limit_max}.",
                "schema": {"type": "integer", "minimum": 0, "maximum": limit_max},
            },
            {
                "name": "offset",
                "in": "query",
                "description": "How many items to skip.",
                "schema": {"type": "integer", "minimum": 0},
            },
        ]

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {"total_count": {"type": "integer", "minimum": 0}},
                    "required": ["total_count"],
                },
                "items": schema,
            },
            "required": ["meta", "items"],
        }
