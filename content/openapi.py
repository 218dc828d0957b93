"""The OpenAPI description of the public API, served at /api/schema/ by drf-spectacular.

Wagtail's API viewsets build their serializers per request (``?type=`` and ``?fields=``
choose them), which drf-spectacular cannot inspect; the operations are described here
instead, and the schemas of the body blocks are derived from the block definitions, so
that they follow the blocks. ``tests/api/test_openapi.py`` runs schemathesis against the
served document to keep every schema here true to the responses.

Every object property is optional, as ``?fields=`` can leave any of them out, and no
object has properties beyond those described.
"""

import copy
from functools import wraps

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from wagtail import blocks

from .blocks import ReviewBodyBlock, TrackCommentaryBlock

# Properties that blocks add to their values in the API, beyond their child blocks.
EXTRA_BLOCK_VALUE_PROPERTIES = {
    TrackCommentaryBlock: {
        "duration_seconds": {
            "type": "integer",
            "nullable": True,
            "description": "The duration in seconds, computed from `duration`.",
        }
    }
}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    # A $ref cannot carry siblings in OpenAPI 3.0, hence allOf.
    if "$ref" in schema:
        return {"allOf": [schema], "nullable": True}
    return {**schema, "nullable": True}


def block_schema(block):
    """The JSON schema of a block's value as the API gives it."""
    if isinstance(block, blocks.StructBlock):
        properties = {name: child_schema(child) for name, child in block.child_blocks.items()}
        properties.update(EXTRA_BLOCK_VALUE_PROPERTIES.get(type(block), {}))
        return {"type": "object", "properties": properties, "required": list(properties)}
    if isinstance(block, blocks.ListBlock):
        return {"type": "array", "items": block_schema(block.child_block)}
    if isinstance(block, blocks.RichTextBlock):
        return {"type": "string", "description": "HTML, from the rich text editor."}
    if isinstance(block, blocks.URLBlock):
        return {"type": "string", "format": "uri"}
    if isinstance(block, blocks.IntegerBlock):
        schema = {"type": "integer"}
        if block.field.min_value is not None:
            schema["minimum"] = block.field.min_value
        if block.field.max_value is not None:
            schema["maximum"] = block.field.max_value
        return schema
    if isinstance(block, blocks.CharBlock):
        schema = {"type": "string"}
        if block.field.max_length:
            schema["maxLength"] = block.field.max_length
        return schema
    raise TypeError(f"no API schema for {type(block).__name__}: describe it in content.openapi")


def child_schema(block):
    schema = {**block_schema(block)}
    # Field blocks keep their help text on their form field; other blocks, in Meta.
    field = getattr(block, "field", None)
    if help_text := field.help_text if field else getattr(block.meta, "help_text", None):
        schema["description"] = str(help_text)
    # Optional fields left blank come out as null (BlankAsNullMixin); lists as [].
    if not block.required and not isinstance(block, blocks.ListBlock):
        schema = nullable(schema)
    return schema


def stream_child_component(name, block):
    return {
        "type": "object",
        "description": block.meta.description,
        "properties": {
            "type": {"type": "string", "enum": [name]},
            "value": block_schema(block),
            "id": {"type": "string", "format": "uuid"},
        },
        "required": ["type", "value", "id"],
    }


def body_components():
    body_block = ReviewBodyBlock()
    return {
        type(child).__name__: stream_child_component(name, child)
        for name, child in body_block.child_blocks.items()
    }


def body_schema():
    body_block = ReviewBodyBlock()
    names = {name: type(child).__name__ for name, child in body_block.child_blocks.items()}
    return {
        "type": "array",
        "description": "An intro, one commentary per track, then a conclusion.",
        "items": {
            "oneOf": [ref(component) for component in names.values()],
            "discriminator": {
                "propertyName": "type",
                "mapping": {name: ref(component)["$ref"] for name, component in names.items()},
            },
        },
    }


RENDITION = {
    "type": "object",
    "description": "A resized copy of an image.",
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "full_url": {"type": "string", "format": "uri"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "alt": {"type": "string"},
    },
}

MEDIA_META = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "detail_url": {"type": "string", "format": "uri"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "download_url": {"type": "string", "format": "uri"},
    },
}

PAGE_META = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "example": "content.FilmReviewPage"},
        "detail_url": {"type": "string", "format": "uri"},
        "html_url": {
            "type": "string",
            "format": "uri",
            "nullable": True,
            "description": "The page's address on the frontend.",
        },
        "slug": {"type": "string"},
        "show_in_menus": {"type": "boolean"},
        "seo_title": {"type": "string"},
        "search_description": {"type": "string"},
        "first_published_at": {"type": "string", "format": "date-time", "nullable": True},
        "alias_of": nullable(ref("PageLink")),
        "parent": nullable(ref("PageLink")),
        "locale": {"type": "string", "example": "en-gb"},
    },
}


def page_properties(page_type):
    """The fields every page has; ``meta.type`` tells the types of page apart."""
    meta = copy.deepcopy(PAGE_META)
    meta["properties"]["type"] = {"type": "string", "enum": [page_type]}
    return {"id": {"type": "integer"}, "meta": meta, "title": {"type": "string"}}


def closed(schema):
    """The schema with every object in it closed to properties it does not describe."""
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: closed(value) for key, value in schema.items()}
    if "properties" in schema:
        schema.setdefault("additionalProperties", False)
    return schema


COMPONENTS = closed(
    {
        "Error": {
            "type": "object",
            "properties": {"message": {"type": "string"}},
            "required": ["message"],
        },
        "PageLink": {
            "type": "object",
            "description": "Another page: its id, title and addresses.",
            "properties": {
                "id": {"type": "integer"},
                "meta": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "detail_url": {"type": "string", "format": "uri"},
                        "html_url": {"type": "string", "format": "uri", "nullable": True},
                    },
                },
                "title": {"type": "string"},
            },
        },
        "ImageLink": {
            "type": "object",
            "description": "An image in the images endpoint.",
            "properties": {
                "id": {"type": "integer"},
                "meta": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "detail_url": {"type": "string", "format": "uri"},
                        "download_url": {"type": "string", "format": "uri"},
                    },
                },
                "title": {"type": "string"},
            },
        },
        "Rendition": RENDITION,
        "Film": {
            "type": "object",
            "description": "The film whose score is reviewed.",
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "release_year": {"type": "integer"},
                "directors": {"type": "array", "items": {"type": "string"}},
                "composers": {"type": "array", "items": {"type": "string"}},
                "cast": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"name": {"type": "string"}, "character": {"type": "string"}},
                        "required": ["name", "character"],
                    },
                },
                "poster": nullable(ref("Rendition")),
                "external_ids": {
                    "type": "object",
                    "properties": {
                        "imdb": {"type": "string", "nullable": True, "example": "tt1798709"},
                        "tmdb": {"type": "integer", "nullable": True},
                        "musicbrainz": {"type": "string", "format": "uuid", "nullable": True},
                    },
                },
            },
        },
        "Reviewer": {
            "type": "object",
            "description": "The critic who wrote the review.",
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "bio": {"type": "string"},
                "photo": nullable(ref("Rendition")),
            },
        },
        "FilmReviewPage": {
            "type": "object",
            "description": "A review of a film's score (`content.FilmReviewPage`).",
            "properties": {
                **page_properties("content.FilmReviewPage"),
                "film": ref("Film"),
                "reviewer": nullable(ref("Reviewer")),
                "teaser": {"type": "string"},
                "rating": {
                    "type": "number",
                    "minimum": 0.5,
                    "maximum": 5,
                    "nullable": True,
                    "description": "Stars out of five, in half stars; null if unrated.",
                },
                "tags": {"type": "array", "items": {"type": "string"}},
                "hero_image": nullable(ref("ImageLink")),
                "hero_image_wide": nullable(ref("Rendition")),
                "hero_image_card": nullable(ref("Rendition")),
                "hero_image_thumbnail": nullable(ref("Rendition")),
                "soundtrack": {
                    "type": "object",
                    "properties": {
                        "album_title": {"type": "string"},
                        "label": {"type": "string"},
                        "release_year": {"type": "integer", "nullable": True},
                    },
                },
                "body": body_schema(),
                "tracklist": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string", "format": "uuid"},
                            "track_number": {"type": "integer", "nullable": True},
                            "title": {"type": "string"},
                        },
                        "required": ["id", "track_number", "title"],
                    },
                },
                "reading_time_minutes": {"type": "integer", "minimum": 1},
            },
        },
        "ReviewIndexPage": {
            "type": "object",
            "description": "A section that lists reviews (`content.ReviewIndexPage`).",
            "properties": {
                **page_properties("content.ReviewIndexPage"),
                "introduction": {"type": "string"},
            },
        },
        "HomePage": {
            "type": "object",
            "description": "The home page (`home.HomePage`).",
            "properties": page_properties("home.HomePage"),
        },
        "Page": {
            "description": "A page of one of these types; `meta.type` says which.",
            "anyOf": [ref("FilmReviewPage"), ref("ReviewIndexPage"), ref("HomePage")],
        },
        "Image": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "meta": MEDIA_META,
                "title": {"type": "string"},
                "width": {"type": "integer"},
                "height": {"type": "integer"},
            },
        },
        "Document": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "meta": MEDIA_META,
                "title": {"type": "string"},
            },
        },
        **body_components(),
    }
)


def add_components(result, generator, request, public):
    """drf-spectacular postprocessing hook: adds the schemas above to the document."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    return result


def only_public_api(endpoints):
    """drf-spectacular preprocessing hook: the document describes the public API only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v2/")]


def listing(item):
    return {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
                "required": ["total_count"],
            },
            "items": {"type": "array", "items": ref(item)},
        },
        "required": ["meta", "items"],
    }


ERROR = ref("Error")
BAD_REQUEST = OpenApiResponse(ERROR, description="A query parameter is not valid.")
NOT_FOUND = OpenApiResponse(ERROR, description="Nothing public has this id.")
TOO_MANY_REQUESTS = OpenApiResponse(
    ERROR, description="Over the rate limit: `Retry-After` says in how many seconds to retry."
)


def integer_parameter(name, description, minimum=1):
    return OpenApiParameter(name, {"type": "integer", "minimum": minimum}, description=description)


FIELDS = OpenApiParameter(
    "fields",
    str,
    description=(
        "Fields to add or remove, comma-separated: `*` for all, `-name` to drop one, "
        "`film(title)` for some fields of a nested object."
    ),
    examples=[
        OpenApiExample("Every field", value="*"),
        OpenApiExample("Some fields", value="teaser,rating,film(title,composers)"),
    ],
)
RICH_TEXT_FORMAT = OpenApiParameter(
    "rich_text_format",
    str,
    enum=["html", "db_html", "markdown", "db_markdown"],
    description="How rich text comes out: HTML ready to render (`html`, the default) or "
    "Markdown; the `db_` forms keep Wagtail's internal links and embeds.",
)
TITLE_FILTER = OpenApiParameter("title", str, description="Items with exactly this title.")
LISTING_PARAMETERS = [
    FIELDS,
    RICH_TEXT_FORMAT,
    OpenApiParameter(
        "limit", {"type": "integer", "minimum": 1, "maximum": 100}, description="At most 100."
    ),
    integer_parameter("offset", "Items to skip.", minimum=0),
    OpenApiParameter(
        "order",
        str,
        description="A field to sort by, `-field` for descending, or `random`.",
    ),
    OpenApiParameter("search", str, description="Words to search for."),
    OpenApiParameter("search_operator", str, enum=["and", "or"]),
]
PAGE_LISTING_PARAMETERS = [
    OpenApiParameter(
        "type",
        str,
        description=(
            "Page types, comma-separated, e.g. `content.FilmReviewPage`. Needed for the "
            "fields and filters of a type."
        ),
        examples=[
            OpenApiExample("Reviews", value="content.FilmReviewPage"),
            OpenApiExample("Sections", value="content.ReviewIndexPage"),
        ],
    ),
    *LISTING_PARAMETERS,
    integer_parameter("child_of", "Pages directly under this page."),
    integer_parameter("descendant_of", "Pages anywhere under this page."),
    integer_parameter("ancestor_of", "Pages above this page."),
    integer_parameter("translation_of", "Translations of this page."),
    OpenApiParameter("locale", str, description="A language code, e.g. `en-gb`."),
    OpenApiParameter("slug", str),
    TITLE_FILTER,
    integer_parameter("film", "With `type=content.FilmReviewPage`: reviews of this film."),
    integer_parameter("reviewer", "With `type=content.FilmReviewPage`: this critic's reviews."),
    OpenApiParameter(
        "composer",
        str,
        description="With `type=content.FilmReviewPage`: reviews of this composer's scores.",
        examples=[OpenApiExample("A composer", value="Arcade Fire")],
    ),
    OpenApiParameter(
        "tag",
        str,
        description="With `type=content.FilmReviewPage`: reviews with all these tags "
        "(comma-separated, at most 20).",
        examples=[OpenApiExample("Tags", value="ambient,bittersweet")],
    ),
    OpenApiParameter(
        "rating_min",
        {"type": "number", "minimum": 0, "maximum": 5},
        description="With `type=content.FilmReviewPage`: reviews rated at least this.",
    ),
]


def document_actions(operations):
    """Class decorator: describes a viewset's actions (``listing_view``…) in the document.

    drf-spectacular's ``extend_schema_view`` knows only DRF's own action names. Each
    method is wrapped first, so that describing it leaves Wagtail's own method as it is.
    """

    def decorate(viewset):
        for name, operation in operations.items():
            method = getattr(viewset, name)

            @wraps(method)
            def action(self, *args, method=method, **kwargs):
                return method(self, *args, **kwargs)

            setattr(viewset, name, operation(action))
        return viewset

    return decorate


def endpoint_schemas(name, item, listing_parameters, find_parameters):
    """The listing, detail and find operations of one of Wagtail's endpoints."""
    tags = [name]
    return {
        "listing_view": extend_schema(
            operation_id=f"{name}_list",
            description=f"Published {name}, 20 at a time unless `limit` says otherwise.",
            tags=tags,
            auth=[],
            filters=False,
            parameters=listing_parameters,
            responses={200: listing(item), 400: BAD_REQUEST, 429: TOO_MANY_REQUESTS},
        ),
        "detail_view": extend_schema(
            operation_id=f"{name}_detail",
            description=f"One of the published {name}, by id.",
            tags=tags,
            auth=[],
            parameters=[FIELDS, RICH_TEXT_FORMAT],
            responses={
                200: ref(item),
                400: BAD_REQUEST,
                404: NOT_FOUND,
                429: TOO_MANY_REQUESTS,
            },
        ),
        "find_view": extend_schema(
            operation_id=f"{name}_find",
            tags=tags,
            auth=[],
            description="Redirects to the detail URL of the one item that matches.",
            parameters=find_parameters,
            responses={
                302: OpenApiResponse(description="Found: `Location` is its detail URL."),
                400: BAD_REQUEST,
                404: OpenApiResponse(ERROR, description="No item matches."),
                429: TOO_MANY_REQUESTS,
            },
        ),
    }


PAGES = endpoint_schemas(
    "pages",
    "Page",
    PAGE_LISTING_PARAMETERS,
    [
        integer_parameter("id", "The page's id."),
        OpenApiParameter("html_path", str, description="The page's path, e.g. `/reviews/her/`."),
    ],
)
IMAGES = endpoint_schemas(
    "images",
    "Image",
    [*LISTING_PARAMETERS, TITLE_FILTER],
    [integer_parameter("id", "The image's id.")],
)
DOCUMENTS = endpoint_schemas(
    "documents",
    "Document",
    [*LISTING_PARAMETERS, TITLE_FILTER],
    [integer_parameter("id", "The document's id.")],
)
PREVIEW = extend_schema(
    operation_id="page_preview",
    tags=["pages"],
    auth=[],
    description="An editor's draft, in the JSON of the pages detail endpoint.",
    parameters=[
        OpenApiParameter(
            "content_type",
            str,
            required=True,
            description="The page type, e.g. `content.filmreviewpage`.",
        ),
        OpenApiParameter(
            "token", str, required=True, description="The preview token from the admin."
        ),
        FIELDS,
        RICH_TEXT_FORMAT,
    ],
    responses={
        200: ref("Page"),
        400: BAD_REQUEST,
        403: OpenApiResponse(
            ERROR,
            description="The token is not valid, has expired, or its editor may no longer "
            "edit the page.",
        ),
        404: OpenApiResponse(ERROR, description="No preview for this token."),
        429: TOO_MANY_REQUESTS,
    },
)
