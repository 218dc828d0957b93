"""The operations of Wagtail's API endpoints, described from their viewsets.

drf-spectacular knows DRF's ``list`` and ``retrieve``; Wagtail's viewsets have
``listing_view``, ``detail_view`` and ``find_view`` (and ours ``preview_view``), and
choose a serializer per request. ``WagtailEndpointSchema`` tells drf-spectacular which
action lists (so that it asks the viewset's filters and pagination for their
parameters) and gives it, for each item type, the serializer Wagtail builds with every
field. Only the parameters that Wagtail's views read themselves are written here.
"""

from functools import cache

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from wagtail.api.rich_text import APIRichText
from wagtail.models import Page, get_page_models

from .extensions import PageTypesSerializer
from .hooks import PUBLIC_API_PREFIX


class ErrorSerializer(serializers.Serializer):
    """What every error of the API answers."""

    message = serializers.CharField(read_only=True, help_text="What went wrong, for people.")


class UserbarSerializer(serializers.Serializer):
    """Wagtail's user bar for a preview."""

    html = serializers.CharField(
        read_only=True,
        help_text="HTML to append to the preview's body: the user bar and the scripts "
        "that run it, which the frontend must run in order.",
    )


BAD_REQUEST = OpenApiResponse(ErrorSerializer, description="A query parameter is not valid.")
TOO_MANY_REQUESTS = OpenApiResponse(
    ErrorSerializer,
    description="Over the rate limit: `Retry-After` says in how many seconds to retry.",
)
NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the `ETag` sent in `If-None-Match` (or the time in "
    "`If-Modified-Since`) is still that of the response."
)
METHOD_NOT_ALLOWED = OpenApiResponse(
    ErrorSerializer, description="The address does not take this method (`Allow` says which)."
)
NOT_ACCEPTABLE = OpenApiResponse(
    ErrorSerializer, description="`Accept` names no representation the API gives: JSON."
)


def response_header(name, description, codes, schema=None):
    return OpenApiParameter(
        name,
        schema or {"type": "string"},
        location=OpenApiParameter.HEADER,
        description=description,
        response=codes,
    )


def rate_limit_headers(codes):
    """What every answer says of the client's rate limit, when the API has one."""
    return [
        response_header(
            "RateLimit-Policy",
            "The rate limit, as the IETF httpapi draft writes it: "
            '`"api";q=<requests>;w=<seconds>`. Absent where the API has no limit.',
            codes,
        ),
        response_header(
            "RateLimit",
            'What is left of it: `"api";r=<requests left>;t=<seconds until it resets>`.',
            codes,
        ),
    ]


def validator_headers(codes):
    return [
        response_header(
            "ETag",
            "Changes with every byte of the response (in each encoding): send it back in "
            "`If-None-Match` to get a 304 while it holds.",
            codes,
        ),
        response_header(
            "Last-Modified",
            "The first second after the last change the response shows, once that second has come.",
            codes,
        ),
    ]


RETRY_AFTER = response_header(
    "Retry-After",
    "How many seconds until the client may ask again.",
    [429],
    {"type": "integer", "minimum": 1},
)


class PublicAPISchema(AutoSchema):
    """What every operation of the public API answers besides its own: a 400 for a bad
    query, 405 for another method, 429 over the rate limit, and, where responses are
    cached, 304 to a conditional request; the validators and rate-limit headers."""

    # Whether the operation's responses are cached and carry validators.
    conditional = True

    def get_auth(self):
        return []

    def get_response_serializers(self):
        responses = {**self.get_own_responses(), 400: BAD_REQUEST, 405: METHOD_NOT_ALLOWED}
        responses.update({406: NOT_ACCEPTABLE, 429: TOO_MANY_REQUESTS})
        if self.conditional:
            responses[304] = NOT_MODIFIED
        return dict(sorted(responses.items()))

    def get_own_responses(self):
        raise NotImplementedError

    def get_override_parameters(self):
        codes = [str(code) for code in self.get_response_serializers()]
        headers = [*rate_limit_headers(codes), RETRY_AFTER]
        if self.conditional:
            headers += validator_headers(["200", "304"])
        return [*self.get_own_parameters(), *headers]

    def get_own_parameters(self):
        return []


FIELDS = OpenApiParameter(
    "fields",
    str,
    description=(
        "Fields to add to the default ones or remove from them, comma-separated: `*` for "
        "all, `-name` to drop one, `_` for none but those named after it."
    ),
    examples=[OpenApiExample("Every field", value="*")],
)


def rich_text_format_parameter():
    return OpenApiParameter(
        "rich_text_format",
        str,
        enum=sorted(APIRichText._serializers()),
        default=APIRichText.get_default_format(),
        description="How rich text comes out: HTML ready to render (`html`) or Markdown; "
        "the `db_` forms keep Wagtail's internal links and embeds.",
    )


def type_parameter():
    page_types = [model._meta.label for model in page_types_of_the_site()]
    return OpenApiParameter(
        "type",
        str,
        description=(
            "Page types, comma-separated, e.g. `content.FilmReviewPage`. Needed for the "
            "fields and filters of a type."
        ),
        examples=[OpenApiExample(page_type, value=page_type) for page_type in page_types],
    )


FIND_PARAMETERS = {
    "id": OpenApiParameter("id", {"type": "integer", "minimum": 1}, description="Its id."),
    "html_path": OpenApiParameter(
        "html_path", str, description="The page's path, e.g. `/reviews/her/`."
    ),
}
PREVIEW_PARAMETERS = [
    OpenApiParameter(
        "content_type",
        str,
        required=True,
        description="The page type, e.g. `content.filmreviewpage`.",
    ),
    OpenApiParameter("token", str, required=True, description="The preview token from the admin."),
]
IN_PREVIEW_PANEL = OpenApiParameter(
    "in_preview_panel",
    str,
    enum=["true", "false"],
    description="`true` where the preview is in the admin's preview panel: the user bar is "
    "hidden there and runs the panel's content checks alone.",
)
PREVIEW_ERRORS = {
    403: OpenApiResponse(
        ErrorSerializer,
        description="The token is not valid, has expired, or its editor may no longer "
        "edit the page.",
    ),
    404: OpenApiResponse(ErrorSerializer, description="No preview for this token."),
}


def page_types_of_the_site():
    return [model for model in get_page_models() if model is not Page]


@cache
def item_serializer(model, detail=True, preview=False):
    """The serializer that Wagtail builds for an item of this model with every field, in
    the endpoint its detail URLs point at: as a detail gives it, as a listing does
    (without the detail's own fields, such as a page's parent), or as a preview does."""
    from ..router import api_router

    _name, endpoint = api_router.get_model_endpoint(model)
    serializer_class = endpoint._get_serializer_class(
        api_router, model, [("*", False, None)], show_details=detail
    )
    suffix = "Preview" if preview else "" if detail else "InListing"
    serializer_class.schema_name = f"{model.__name__}{suffix}"
    serializer_class.is_preview = preview
    return serializer_class


class WagtailEndpointSchema(PublicAPISchema):
    """drf-spectacular's inspector, for the actions of Wagtail's API viewsets."""

    @property
    def conditional(self):
        # Redirects carry no validators. (Previews do, though no cache keeps them.)
        return self.view.action in ("listing_view", "detail_view", "preview_view")

    def _is_list_view(self, serializer=None):
        return self.view.action == "listing_view"

    def endpoint_name(self):
        """The name the endpoint is registered under, as in /api/v2/pages/."""
        return self.path.removeprefix(PUBLIC_API_PREFIX).split("/")[0]

    def get_operation_id(self):
        if self.view.action == "preview_view":
            return self.endpoint_name()
        if self.view.action == "userbar_view":
            return f"{self.endpoint_name()}_userbar"
        action = {"listing_view": "list", "detail_view": "detail", "find_view": "find"}
        return f"{self.endpoint_name()}_{action[self.view.action]}"

    def get_tags(self):
        return ["pages" if self.is_pages_endpoint() else self.endpoint_name()]

    def get_description(self):
        name = self.endpoint_name()
        return {
            "listing_view": f"Published {name}, a page of them at a time (`limit`, `cursor` "
            "or `offset`).",
            "detail_view": f"One of the published {name}, by id.",
            "find_view": "Redirects to the detail URL of the one item that matches.",
            "preview_view": "An editor's draft, in the JSON of the pages detail endpoint, "
            "with `meta.is_preview`.",
            "userbar_view": "Wagtail's user bar for an editor's draft: the frontend adds it "
            "to the preview, where it runs the admin's content checks.",
        }[self.view.action]

    def get_own_parameters(self):
        action = self.view.action
        if action == "find_view":
            return [FIND_PARAMETERS[name] for name in sorted(self.view.find_query_parameters)]
        if action == "userbar_view":
            return [*PREVIEW_PARAMETERS, IN_PREVIEW_PANEL]
        parameters = [FIELDS, rich_text_format_parameter()]
        if action == "listing_view" and self.is_pages_endpoint():
            parameters.insert(0, type_parameter())
        if action == "preview_view":
            parameters[:0] = PREVIEW_PARAMETERS
        return parameters

    def get_own_responses(self):
        action = self.view.action
        if action == "find_view":
            found = OpenApiResponse(description="Found: `Location` is its detail URL.")
            no_match = OpenApiResponse(ErrorSerializer, description="No item matches.")
            if not self.is_pages_endpoint():
                return {302: found, 404: no_match}
            moved = OpenApiResponse(
                description="`html_path` is an old address of a page that has moved or "
                "changed its slug: `Location` is the detail URL of the page, whose "
                "`meta.html_url` is its address now. (302 for a temporary redirect.)"
            )
            return {301: moved, 302: found, 404: no_match}
        if action == "userbar_view":
            return {200: UserbarSerializer, **PREVIEW_ERRORS}
        responses = {200: self.item_serializer()}
        if action == "detail_view":
            responses[404] = OpenApiResponse(
                ErrorSerializer, description="Nothing public has this id."
            )
        if action == "preview_view":
            responses.update(PREVIEW_ERRORS)
        return responses

    def is_pages_endpoint(self):
        return issubclass(self.view.model, Page)

    def item_serializer(self):
        detail = self.view.action != "listing_view"
        preview = self.view.action == "preview_view"
        if not self.is_pages_endpoint():
            return item_serializer(self.view.model, detail)
        return PageTypesSerializer(
            [item_serializer(model, detail, preview) for model in page_types_of_the_site()],
            name="PagePreview" if preview else "Page" if detail else "PageInListing",
        )
