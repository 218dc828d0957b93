"""The change feed's endpoint: the events after a cursor, oldest first.

A cursor (``since``) is ``<id>-<time>-<epoch>``: the last event the client has, a time
from which the feed holds every event it has not (the time of the first event not yet
given, or, when it has them all, the hour of the call), and the epoch it was made in. A
cursor whose time is older than the feed keeps events, or of another epoch (a new site,
a restored database), answers 410: the client may have missed changes, and must rebuild
in full.
"""

import datetime
import math
import re

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

from ..cache import store
from ..models import PageChange
from ..openapi.schema import ErrorSerializer, PublicAPISchema
from ..pagination import DEFAULT_LIMIT, parse_limit
from ..validation import check_known_parameters
from ..views import PublicEndpoint

# The last event's id, a Unix time and the feed's epoch; as the OpenAPI document writes it.
CURSOR_PATTERN = "^[0-9]+-[0-9]+-[0-9a-f]{6}$"
CURSOR = re.compile(r"(?P<id>[0-9]+)-(?P<time>[0-9]+)-(?P<epoch>[0-9a-f]{6})")


class PageChangeSerializer(serializers.ModelSerializer):
    """Something that happened to a page as the public sees it.

    Example:
    {"id": 5, "type": "content.FilmReviewPage", "event": "moved",
     "at": "2026-11-30T09:12:03.120331Z",
     "html_url": "http://localhost:8020/reviews/her/",
     "old_html_url": "http://localhost:8020/reviews/her-arcade-fire/"}
    """

    id = serializers.IntegerField(source="page_id", read_only=True, help_text="The page's id.")
    type = serializers.CharField(source="page_type", read_only=True, help_text="Its type.")
    html_url = serializers.URLField(
        read_only=True,
        allow_null=True,
        help_text="Its address now; null once the public cannot see it.",
    )
    old_html_url = serializers.URLField(
        read_only=True,
        allow_null=True,
        help_text="The address it had: for moves, unpublishes and deletes; else null.",
    )

    class Meta:
        model = PageChange
        fields = ["id", "type", "event", "at", "html_url", "old_html_url"]
        read_only_fields = fields

    def to_representation(self, change):
        data = super().to_representation(change)
        return {name: value if value != "" else None for name, value in data.items()}


class ChangesSchema(PublicAPISchema):
    def _is_list_view(self, serializer=None):
        return False  # a feed with a cursor of its own, not a paginated listing

    def get_operation_id(self):
        return "changes_list"

    def get_tags(self):
        return ["changes"]

    def get_description(self):
        return (
            "What happened to pages as the public sees them, oldest first: call it once "
            "without `since` before a full build, then call `meta.next` to learn what "
            "changed since. A cursor older than the feed keeps answers 410."
        )

    def get_own_parameters(self):
        return [
            OpenApiParameter(
                "since",
                {"type": "string", "pattern": CURSOR_PATTERN},
                description="The cursor from `meta.next` of the last call.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": settings.WAGTAILAPI_LIMIT_MAX},
                description=f"How many events, {DEFAULT_LIMIT} unless this says otherwise.",
            ),
        ]

    def get_own_responses(self):
        return {
            200: ChangesResponseSerializer,
            410: OpenApiResponse(
                ErrorSerializer,
                description="The cursor is older than the feed keeps: rebuild in full.",
            ),
        }


class ChangesMetaSerializer(serializers.Serializer):
    next = serializers.URLField(read_only=True, help_text="The URL to call next time.")


class ChangesResponseSerializer(serializers.Serializer):
    meta = ChangesMetaSerializer(read_only=True)
    items = PageChangeSerializer(many=True, read_only=True)


class ChangesViewSet(PublicEndpoint, viewsets.GenericViewSet):
    schema = ChangesSchema()
    serializer_class = PageChangeSerializer
    pagination_class = None
    known_query_parameters = frozenset(["since", "limit", "format"])
    # Built afresh for every call (one indexed query): a stored answer would keep handing
    # back the cursor it was built with, which expires with time. Its ETag still gets a
    # client that asks again a 304 while nothing has happened.
    cache_responses = False

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_known_parameters(request.GET, self.known_query_parameters)

    def list(self, request):
        limit = parse_limit(request.GET)
        epoch = feed_epoch()
        if "since" not in request.GET:
            return self.respond([], start_cursor(epoch))
        last_id, since, cursor_epoch = read_cursor(request.GET["since"])
        if cursor_epoch != epoch:
            return gone(
                "this cursor is from before the site's addresses or content were replaced "
                "(a new site, a restore)"
            )
        kept = datetime.timedelta(days=settings.API_CHANGES_RETENTION_DAYS)
        if since < timezone.now() - kept:
            days = settings.API_CHANGES_RETENTION_DAYS
            return gone(f"this cursor is older than the {days} days the feed keeps")
        events = list(PageChange.objects.filter(id__gt=last_id).order_by("id")[: limit + 1])
        given = events[:limit]
        if len(events) > limit:
            cursor = make_cursor(given[-1].pk, events[limit].at, epoch)
        else:
            cursor = make_cursor(given[-1].pk if given else last_id, this_hour(), epoch)
        return self.respond(given, cursor)

    def respond(self, events, cursor):
        query = self.request.GET.copy()
        query["since"] = cursor
        next_url = self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")
        items = self.get_serializer(events, many=True).data
        return Response({"meta": {"next": next_url}, "items": items})


def gone(reason):
    message = (
        f"{reason}: some changes may be missing. Rebuild in full, then follow meta.next "
        "of /api/v2/changes/ called without since."
    )
    return Response({"message": message}, status=410)


def feed_epoch():
    """What a cursor must have been made in: the response cache's epoch, which a new
    site (every address changes) or a restored database (every id may) begins anew."""
    epoch, _generation = store.current_generation()
    return format(epoch % 16**6, "06x")


def make_cursor(last_id, since, epoch):
    return f"{last_id}-{math.floor(since.timestamp())}-{epoch}"


def start_cursor(epoch):
    """The cursor of now: after the last event."""
    last_id = PageChange.objects.order_by("-id").values_list("id", flat=True).first()
    return make_cursor(last_id or 0, this_hour(), epoch)


def this_hour():
    """The time of a cursor after which nothing has happened yet: every event to come
    is recorded from now on. To the hour, so that an unchanged feed answers the same
    bytes (and ETag) all hour; a client that keeps calling never sees its cursor expire,
    however quiet the site."""
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def read_cursor(value):
    match = CURSOR.fullmatch(value)
    if match is None:
        raise BadRequestError("since is not a cursor this API gave: take it from meta.next")
    try:
        since = datetime.datetime.fromtimestamp(int(match["time"]), tz=datetime.UTC)
    except (OverflowError, ValueError, OSError):
        raise BadRequestError("since is not a cursor this API gave") from None
    return int(match["id"]), since, match["epoch"]
