"""The replies endpoint: readers read a review's published replies and send their own.

``GET /api/v2/replies/?page=<review id>``: the approved replies of a live, public review,
oldest first, paged like the other listings. ``POST /api/v2/replies/``: a reader's reply,
held for moderation (202). Nothing this endpoint answers holds a reader's email.

A review's own JSON counts its published replies in ``reply_count``: approving,
rejecting, editing or erasing a published reply changes both, and the response cache
hears of it (``api.cache.signal_handlers``); a pending reply changes nothing public.
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.module_loading import import_string
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from wagtail.api.v2.utils import BadRequestError

from replies.models import Reply, one_line, plain_text
from replies.moderation import forget_old_addresses_now_and_then

from .openapi.schema import (
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    TOO_MANY_REQUESTS,
    ErrorSerializer,
    PublicAPISchema,
)
from .pagination import Pagination
from .reply_counts import public_reviews
from .throttling import add_rate_limit_headers, count_against
from .validation import MAX_DATABASE_INTEGER, as_integer, check_known_parameters
from .views import PublicEndpoint


def public_review(request, page_id):
    """The live, public review with this id on the request's site, or None. Loaded whole,
    so that a response that shows its replies is tagged with it (``api.cache``)."""
    if page_id > MAX_DATABASE_INTEGER:
        return None
    return public_reviews(request).filter(pk=page_id).first()


class ReplySerializer(serializers.ModelSerializer):
    """A published reply. ``body`` is plain text, exactly as the reader wrote it, never
    HTML: escape it when showing it. A blank line separates its paragraphs, a line break
    its lines. ``parent`` is the reply it answers (replies go one level deep), or null.

    Example:
    {"id": 12, "parent": null, "name": "Ines", "website": "",
     "body": "The strings in the second half…", "created_at": "2026-11-02T09:14:00Z",
     "is_staff": false}
    """

    website = serializers.CharField(
        read_only=True, help_text="The reader's http or https address, or empty."
    )
    is_staff = serializers.BooleanField(
        read_only=True, help_text="Written by the site's editors, not a reader."
    )

    class Meta:
        model = Reply
        fields = ["id", "parent", "name", "website", "body", "created_at", "is_staff"]
        read_only_fields = fields


def messages_for(what, verb="give", **messages):
    """Messages a reader can act on, for a field that holds ``what``."""
    return {
        "required": f"{verb} {what}",
        "blank": f"{verb} {what}",
        "null": f"{verb} {what}",
        "max_length": "keep it to {max_length} characters",
        **messages,
    }


class NewReplySerializer(serializers.ModelSerializer):
    """A reply from a reader, held for moderation: editors approve it before anyone sees
    it. Every limit is the database's own (``replies.models.Reply``)."""

    page = serializers.IntegerField(
        min_value=1,
        help_text="The id of the review: a live, public review with replies open.",
        error_messages=messages_for("the id of the review", invalid="give the review's id"),
    )
    parent = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        help_text="The id of the published reply this answers, on the same review; it must "
        "answer the review itself (replies go one level deep).",
    )
    email = serializers.EmailField(
        max_length=Reply._meta.get_field("email").max_length,
        help_text="For the editors only: never published, nor in any response.",
        error_messages=messages_for(
            "your email address (it is never published)", invalid="enter a valid email address"
        ),
    )
    website = serializers.URLField(
        required=False,
        allow_blank=True,
        max_length=Reply._meta.get_field("website").max_length,
        help_text="An http or https address, shown with the reader's name.",
        error_messages=messages_for(
            "your website", invalid="enter the whole address, starting with https:// or http://"
        ),
    )
    honeypot = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=1000,
        help_text="The value of a form field hidden from people: a reply with any value here "
        "is taken for a bot's and dropped (the answer is the same).",
    )
    seconds_on_form = serializers.FloatField(
        required=False,
        min_value=0,
        max_value=10**9,
        help_text="How long the form was shown before it was sent, in seconds, if the "
        "frontend measures it: a reply sent sooner than people can write one (in "
        f"{settings.REPLIES_MIN_SECONDS} seconds) is refused, with the message under this "
        "field's name in `errors`. Without it, no time is checked.",
    )

    class Meta:
        model = Reply
        fields = [
            "page",
            "parent",
            "name",
            "email",
            "website",
            "body",
            "honeypot",
            "seconds_on_form",
        ]
        extra_kwargs = {
            "name": {
                "help_text": "The name to show with the reply.",
                "error_messages": messages_for("the name to show with your reply"),
            },
            "body": {
                "help_text": "Plain text; a blank line starts a paragraph.",
                "error_messages": messages_for("your reply", verb="write"),
            },
        }

    def validate_page(self, page_id):
        review = public_review(self.context["request"], page_id)
        if review is None:
            raise serializers.ValidationError("no live, public review has this id")
        if not review.replies_open:
            raise serializers.ValidationError("replies are closed for this review")
        return review

    def validate_name(self, name):
        return one_line(name)

    def validate_body(self, body):
        return plain_text(body)

    def validate_website(self, website):
        if website and not website.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError("give an http or https address")
        return website

    def validate_seconds_on_form(self, seconds):
        if seconds < settings.REPLIES_MIN_SECONDS:
            raise serializers.ValidationError(
                "sent sooner than people can write a reply: wait a few seconds, then send it again"
            )
        return seconds

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: ["unknown field"] for name in unknown})
        parent_id = attrs.get("parent")
        if parent_id is not None:
            parent = None
            if parent_id <= MAX_DATABASE_INTEGER:
                published = Reply.objects.public().filter(page=attrs["page"])
                parent = published.filter(pk=parent_id).first()
            if parent is None:
                raise serializers.ValidationError(
                    {"parent": ["no published reply on this review has this id"]}
                )
            if parent.parent_id is not None:
                raise serializers.ValidationError(
                    {
                        "parent": [
                            "replies go one level deep: answer the reply it answers "
                            f"({parent.parent_id})"
                        ]
                    }
                )
            attrs["parent"] = parent
        return attrs


class ReplyErrorsSerializer(serializers.Serializer):
    """A reply that was not saved, and why: a list of messages per field of the request
    (``non_field_errors`` for the request as a whole)."""

    message = serializers.CharField(read_only=True, help_text="What went wrong, for people.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        read_only=True,
        help_text='Eg {"email": ["Enter a valid email address."]}',
    )


class ReplyAcceptedSerializer(serializers.Serializer):
    """The reply is saved and awaits moderation: it is published once an editor approves it."""

    status = serializers.ChoiceField(choices=["pending"], read_only=True)


class RepliesSchema(PublicAPISchema):
    def get_tags(self):
        return ["replies"]

    @property
    def conditional(self):
        return self.method == "GET"

    def get_description(self):
        if self.method == "GET":
            return (
                "The published replies of a live, public review, oldest first, paged like "
                "the pages listing. A reply answers the review, or (`parent`) one of its "
                "replies that answers the review."
            )
        return (
            "A reader's reply to a review, held for moderation. JSON only. The answer is "
            "the same for a reply that is published later, one held as spam, and one "
            "dropped as a bot's. Replies a client address may send: "
            f"{settings.REPLIES_POST_RATE or 'no limit'} (then 429)."
        )

    def get_request_serializer(self):
        return NewReplySerializer if self.method == "POST" else None

    def get_response_serializers(self):
        if self.method == "GET":
            return super().get_response_serializers()
        return {
            202: ReplyAcceptedSerializer,
            400: OpenApiResponse(ReplyErrorsSerializer, description="The reply was not saved."),
            405: METHOD_NOT_ALLOWED,
            406: NOT_ACCEPTABLE,
            415: OpenApiResponse(ErrorSerializer, description="The request is not JSON."),
            429: TOO_MANY_REQUESTS,
        }

    def get_own_responses(self):
        return {200: ReplySerializer}

    def get_own_parameters(self):
        if self.method != "GET":
            return []
        return [
            OpenApiParameter(
                "page",
                int,
                required=True,
                description="The id of the review.",
                location=OpenApiParameter.QUERY,
            )
        ]


class RepliesViewSet(PublicEndpoint, mixins.ListModelMixin, viewsets.GenericViewSet):
    schema = RepliesSchema()
    pagination_class = Pagination
    serializer_class = ReplySerializer
    parser_classes = [JSONParser]
    known_query_parameters = frozenset(["page", "limit", "offset", "cursor", "format"])

    def get_queryset(self):
        review = self.review()
        return Reply.objects.public().filter(page=review).order_by("created_at", "id")

    def review(self):
        if "page" not in self.request.GET:
            raise BadRequestError("page is required: the id of a review")
        page_id = as_integer(self.request.GET["page"])
        if page_id is None or page_id < 1:
            raise BadRequestError("page must be the id of a review")
        review = public_review(self.request, page_id)
        if review is None:
            raise BadRequestError("page: no live, public review has this id")
        return review

    def handle_exception(self, exc):
        # A refused post answers as one: with errors, as the document says.
        if self.request.method == "POST" and isinstance(exc, BadRequestError):
            return refused({"non_field_errors": [str(exc)]})
        return super().handle_exception(exc)

    def get_serializer_class(self):
        # What is sent differs from what is shown (OPTIONS describes POST with it too).
        return NewReplySerializer if self.request.method == "POST" else ReplySerializer

    def list(self, request, *args, **kwargs):
        check_known_parameters(request.GET, self.known_query_parameters)
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        # A reply goes to a review of the site the request is for: no ?site=.
        check_known_parameters(request.GET, frozenset(["format"]))
        try:
            data = request.data
        except ParseError as error:
            return refused({"non_field_errors": [str(error.detail)]})
        except RecursionError:
            return refused({"non_field_errors": ["the JSON is nested too deeply"]})
        except RequestDataTooBig:
            return refused({"non_field_errors": ["the request is too large for a reply"]})
        serializer = self.get_serializer(data=data)
        if not serializer.is_valid():
            return refused(serializer.errors)
        usage = count_against(request, settings.REPLIES_POST_RATE, POST_POLICY)
        if usage is not None and usage.remaining < 0:
            response = JsonResponse(
                {"message": f"too many replies: try again in {usage.reset} seconds"}, status=429
            )
            response["Retry-After"] = str(usage.reset)
        else:
            data = dict(serializer.validated_data)
            data.pop("seconds_on_form", None)
            if not data.pop("honeypot", ""):
                save_reply(Reply(**data), request)
            response = Response({"status": "pending"}, status=status.HTTP_202_ACCEPTED)
        if usage is not None:
            add_rate_limit_headers(response, POST_POLICY, usage)
        return response


# The name of the replies' own rate limit in the rate-limit headers.
POST_POLICY = "replies"


def refused(errors):
    """A 400 for a reply that was not saved, with the reasons per field."""
    errors = {
        printable(field): [str(message) for message in messages]
        for field, messages in errors.items()
    }
    return Response(
        {"message": "the reply was not saved: see errors", "errors": errors},
        status=status.HTTP_400_BAD_REQUEST,
    )


def save_reply(reply, request):
    """Saves a reader's reply as pending, or as spam if the spam check says so."""
    reply.ip_address = client_address(request)
    reply.user_agent = request.META.get("HTTP_USER_AGENT", "").replace("\x00", "")[:300]
    if import_string(settings.REPLIES_SPAM_CHECK)(reply, request):
        reply.status = Reply.Status.SPAM
    reply.save()
    forget_old_addresses_now_and_then()


def client_address(request):
    try:
        return str(ipaddress.ip_address(BaseThrottle().get_ident(request)))
    except ValueError:
        return None


def printable(name):
    """A field name as a client sent it, fit to send back: it may be any string."""
    return name.encode("utf-8", "backslashreplace").decode()[:100]
