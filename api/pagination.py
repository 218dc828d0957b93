"""Paging through listings: by cursor, which does not drift, or by Wagtail's offset.

A cursor holds the position of an item in the listing's order (the values of its
ordering fields, then its id), so that the next page starts right after that item
whatever was published or unpublished before it; an offset counts items, and skips one
when an item before it goes. ``meta.next`` and ``meta.previous`` are the URLs of the
pages on either side (null at the ends): by cursor, unless the request paged by offset
or its order cannot be kept by a cursor (a search's relevance, ``random``).
"""

import datetime
import hashlib
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DataError
from django.db.models import F, OrderBy, Q, QuerySet
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from .validation import as_integer, is_beyond_database_integers

# Items a listing holds when ?limit= does not say, as Wagtail pages them.
DEFAULT_LIMIT = 20
# Without a timestamp: the same page of an unchanged listing has the same links, and so
# the same ETag, whenever and wherever it is built.
CURSOR_SIGNER = signing.Signer(salt="api.pagination.cursor")
FORWARD, BACKWARD = "next", "previous"
NOT_A_CURSOR = "cursor is not one this API gave: take it from meta.next or meta.previous"


def parse_limit(params):
    """How many items a listing asks for: ``limit``, from 1 to ``WAGTAILAPI_LIMIT_MAX``."""
    limit = as_integer(params.get("limit", DEFAULT_LIMIT))
    if limit is None or not 1 <= limit <= settings.WAGTAILAPI_LIMIT_MAX:
        raise BadRequestError(f"limit must be from 1 to {settings.WAGTAILAPI_LIMIT_MAX}")
    return limit


class Pagination(WagtailPagination):
    """Limit and offset, as Wagtail pages, or a cursor; links to the pages either side."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        if is_beyond_database_integers(request.GET.get("offset", "")):
            raise BadRequestError("offset is out of range")
        self.limit = parse_limit(request.GET)
        self.keyset = keyset_of(queryset)
        if "cursor" in request.GET:
            if "offset" in request.GET:
                raise BadRequestError("give cursor or offset, not both")
            if self.keyset is None:
                raise BadRequestError(
                    "cursor cannot page a search or a random order: page it by offset"
                )
            return self.page_from_cursor(queryset, request.GET["cursor"])
        if "offset" in request.GET or self.keyset is None:
            return self.page_from_offset(queryset, request)
        return self.page_from_cursor(queryset, None)

    def page_from_offset(self, queryset, request):
        items = super().paginate_queryset(queryset, request)
        offset = int(request.GET.get("offset", 0))
        self.next = self.previous = None
        if isinstance(queryset, QuerySet) and "?" in queryset.query.order_by:
            return items  # a random order is another each time: there is no next page
        if offset + len(items) < self.total_count:
            self.next = self.link(offset=str(offset + self.limit))
        if offset > 0:
            self.previous = self.link(offset=str(max(offset - self.limit, 0)))
        return items

    def page_from_cursor(self, queryset, cursor):
        direction, position = FORWARD, None
        if cursor is not None:
            direction, position = self.read_cursor(cursor)
        self.total_count = queryset.count()
        # Backward, the order is reversed, nulls (last going forward) first.
        backward = direction == BACKWARD
        ordering = [(name, descending != backward) for name, descending in self.keyset]
        rows = queryset.order_by(*order_by(ordering, nulls_last=not backward))
        if position is not None:
            rows = rows.filter(after(ordering, position, nulls_last=not backward))
        try:
            items = list(rows[: self.limit + 1])
        except (ValidationError, ValueError, TypeError, OverflowError, DataError):
            # Values a cursor of this listing cannot hold: it was made otherwise.
            raise BadRequestError(NOT_A_CURSOR) from None
        more = len(items) > self.limit
        items = items[: self.limit]
        if direction == BACKWARD:
            items.reverse()
        before, beyond = (
            (more, position is not None)
            if direction == BACKWARD
            else (
                position is not None,
                more,
            )
        )
        self.previous = self.cursor_link(BACKWARD, items[0]) if before and items else None
        self.next = self.cursor_link(FORWARD, items[-1]) if beyond and items else None
        return items

    def read_cursor(self, cursor):
        try:
            payload = CURSOR_SIGNER.unsign_object(cursor)
            direction, listing, position = payload["d"], payload["l"], list(payload["v"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise BadRequestError(NOT_A_CURSOR) from None
        if listing != self.listing() or len(position) != len(self.keyset):
            # Another endpoint's, or another filter's or order's.
            raise BadRequestError("cursor belongs to another listing: start again without it")
        if direction not in (FORWARD, BACKWARD):
            raise BadRequestError(NOT_A_CURSOR)
        return direction, position

    def cursor_link(self, direction, item):
        position = [cursor_value(value_of(item, name)) for name, _descending in self.keyset]
        payload = {"d": direction, "l": self.listing(), "v": position}
        return self.link(cursor=CURSOR_SIGNER.sign_object(payload, compress=True))

    def listing(self):
        """What a cursor belongs to: the address, the filters and the order of the
        listing, whatever its page (which ``limit`` may change)."""
        query = sorted(
            (name, value)
            for name, value in self.request.GET.items()
            if name not in ("cursor", "offset", "limit")
        )
        identity = repr((self.request.path, query)).encode()
        return hashlib.blake2b(identity, digest_size=8).hexdigest()

    def link(self, **replacements):
        query = self.request.GET.copy()
        for name in ("cursor", "offset"):
            query.pop(name, None)
        query.update(replacements)
        return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")

    def get_paginated_response(self, data):
        meta = {"total_count": self.total_count, "next": self.next, "previous": self.previous}
        return Response({"meta": meta, "items": data})

    def get_schema_operation_parameters(self, view):
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        return [
            {
                "name": "limit",
                "in": "query",
                "description": f"How many items, {DEFAULT_LIMIT} unless this says "
                f"otherwise; at most {limit_max}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": limit_max},
            },
            {
                "name": "cursor",
                "in": "query",
                "description": "Where to go on from: the `cursor` in `meta.next` or "
                "`meta.previous`. Unlike an offset, it does not skip an item when one "
                "before it is unpublished. Not with `search` or `order=random`.",
                "schema": {"type": "string", "minLength": 1},
            },
            {
                "name": "offset",
                "in": "query",
                "description": "How many items to skip (instead of `cursor`).",
                "schema": {"type": "integer", "minimum": 0},
            },
        ]

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {
                        "total_count": {"type": "integer", "minimum": 0},
                        "next": {**link, "description": "The next page; null at the end."},
                        "previous": {
                            **link,
                            "description": "The page before; null at the start.",
                        },
                    },
                    "required": ["total_count", "next", "previous"],
                },
                "items": schema,
            },
            "required": ["meta", "items"],
        }


def keyset_of(queryset):
    """The listing's order as (field, descending) pairs, or None where a cursor cannot
    keep it: search results, a random order. No two items share a position: the
    orderings end with a unique field (``api.filters.ordering_expressions``, a
    taxonomy's ``unique_ordering``; a page's ``path`` by default)."""
    if not isinstance(queryset, QuerySet):
        return None
    query = queryset.query
    ordering = list(query.order_by) or list(query.get_meta().ordering) or ["pk"]
    keyset = []
    for item in ordering:
        if isinstance(item, OrderBy) and isinstance(item.expression, F):
            keyset.append((item.expression.name, item.descending))
        elif isinstance(item, str) and item != "?":
            keyset.append((item.lstrip("-"), item.startswith("-")))
        else:
            return None
    return keyset


def order_by(keyset, nulls_last):
    """ORDER BY for the keyset, with nulls (unrated reviews) at one end either way."""
    nulls = {"nulls_last": True} if nulls_last else {"nulls_first": True}
    return [
        F(name).desc(**nulls) if descending else F(name).asc(**nulls) for name, descending in keyset
    ]


def after(keyset, position, nulls_last):
    """The condition for the items after ``position`` in the keyset's order: beyond its
    first value, or level with it and after the rest of the position."""
    (name, descending), *rest = keyset
    value, *rest_values = position
    is_null = Q(**{f"{name}__isnull": True})
    if value is None:
        level = is_null
        beyond = Q() if nulls_last else ~is_null
    else:
        level = Q(**{name: value})
        beyond = Q(**{f"{name}__lt" if descending else f"{name}__gt": value})
        if nulls_last:
            beyond |= is_null
    if rest:
        level_and_after = level & after(rest, rest_values, nulls_last)
        return beyond | level_and_after if beyond else level_and_after
    if not beyond:  # the last of the nulls, on the last field: nothing comes after it
        return Q(pk__in=[])
    return beyond


def value_of(item, name):
    if isinstance(item, dict):
        return item[name]
    return getattr(item, name)


def cursor_value(value):
    """A value as a cursor keeps it: as text where JSON has no such type."""
    if isinstance(value, datetime.datetime | datetime.date | Decimal):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value
