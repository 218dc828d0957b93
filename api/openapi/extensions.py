"""What Wagtail's dynamic serializers hide from drf-spectacular, told once per kind of field.

Wagtail's serializers put their ``meta_fields`` under ``"meta"`` and show related
objects through serializers of their own; its fields (``type``, ``detail_url``,
``html_url``, a StreamField, tags, renditions) type nothing. Every schema here is for a
kind of field, never for one model: the models' own fields, ``api_fields`` and
serializers describe the rest. Registered with drf-spectacular by ``ApiConfig.ready``.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ComponentIdentity, ResolvedComponent, force_instance
from rest_framework import serializers
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

from ..serializers import page_link_serializer_class
from .blocks import nullable, stream_schema

URL = {"type": "string", "format": "uri"}


def named_component(auto_schema, name, build_schema):
    """A reference to the schema component ``name``, built by ``build_schema()`` the first
    time it is asked for."""
    component = ResolvedComponent(
        name=name, type=ResolvedComponent.SCHEMA, object=ComponentIdentity(name)
    )
    if component not in auto_schema.registry:
        component.schema = build_schema()
        auto_schema.registry.register_on_missing(component)
    return component.ref


def model_of(field):
    """The model of the Wagtail serializer that a field belongs to."""
    return field.parent.Meta.model


class WagtailSerializerExtension(OpenApiSerializerExtension):
    """An object as Wagtail's serializers give it: ``id``, then its ``meta`` fields under
    ``"meta"``, then the rest. ``id`` and ``meta.type`` are always there; ``?fields=``
    chooses the rest, so nothing else is required."""

    target_class = "wagtail.api.v2.serializers.BaseSerializer"
    match_subclasses = True

    def get_name(self, auto_schema, direction):
        return getattr(self.target, "schema_name", self.target.Meta.model.__name__)

    def map_serializer(self, auto_schema, direction):
        serializer = force_instance(self.target)
        preview = getattr(self.target, "is_preview", False)
        meta, body = {}, {}
        for name, field in serializer.fields.items():
            if isinstance(field, serializers.Serializer):
                schema = selectable_object(auto_schema, field, direction)
            else:
                schema = auto_schema._map_serializer_field(field, direction)
            if preview and may_be_empty_in_a_draft(serializer.Meta.model, field):
                schema = nullable(schema)
            (meta if name in serializer.meta_fields else body)[name] = schema
        properties = {"id": body.pop("id")} if "id" in body else {}
        required = ["id"] if properties else []
        if preview:
            # A page previewed before its first save has no id yet.
            properties["id"] = nullable(properties["id"])
            meta["is_preview"] = {"type": "boolean", "enum": [True]}
        if meta:
            properties["meta"] = {"type": "object", "properties": meta}
            if "type" in meta:
                always = [name for name in ("type", "is_preview") if name in meta]
                properties["meta"]["required"] = always
                required.append("meta")
        properties.update(body)
        model = serializer.Meta.model
        description = f"{model._meta.verbose_name.capitalize()} (`{model._meta.label}`)."
        return {
            "type": "object",
            "description": description,
            "properties": properties,
            "required": required,
        }


def may_be_empty_in_a_draft(model, field):
    """Whether a draft may leave the field's column empty (null) where a published page
    may not: a review's film, which only publishing requires."""
    source = field.source.split(".")[0]
    try:
        column = model._meta.get_field(source)
    except FieldDoesNotExist:
        return False
    return column.null and not field.allow_null


def selectable_object(auto_schema, serializer, direction):
    """An object that a page nests (its film, its reviewer), whose fields ``?fields=``
    selects (``film(title,composers)``): none is sure to be there. The objects inside
    it come whole."""
    name = type(serializer).__name__.removesuffix("Serializer")

    def build_schema():
        schema = auto_schema._map_serializer(serializer, direction)
        schema.pop("required", None)
        return schema

    ref = named_component(auto_schema, name, build_schema)
    return nullable(ref) if serializer.allow_null else ref


class TypeFieldExtension(OpenApiSerializerFieldExtension):
    """``meta.type``: the type of the object, which tells page types apart. A link to
    another page names that page's own type."""

    target_class = "wagtail.api.v2.serializers.TypeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        model = model_of(self.target)
        if model is Page:
            return {"type": "string", "example": "content.FilmReviewPage"}
        return {"type": "string", "enum": [f"{model._meta.app_label}.{model.__name__}"]}


class PageTypeFieldExtension(TypeFieldExtension):
    target_class = "wagtail.api.v2.serializers.PageTypeField"


class DetailUrlFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "wagtail.api.v2.serializers.DetailUrlField"

    def map_serializer_field(self, auto_schema, direction):
        return {**URL, "description": "This object's address in the API."}


class PageHtmlUrlFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "wagtail.api.v2.serializers.PageHtmlUrlField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return nullable({**URL, "description": "The page's address on the frontend."})


class PageLocaleFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "wagtail.api.v2.serializers.PageLocaleField"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "description": "The page's language.", "example": "en-gb"}


class DownloadUrlFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "wagtail.images.api.v2.serializers.ImageDownloadUrlField"

    def map_serializer_field(self, auto_schema, direction):
        return {**URL, "description": "The original file."}


class DocumentDownloadUrlFieldExtension(DownloadUrlFieldExtension):
    target_class = "wagtail.documents.api.v2.serializers.DocumentDownloadUrlField"


class TagsFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "wagtail.api.v2.serializers.TagsField"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "array", "items": {"type": "string"}}


class RelatedFieldExtension(OpenApiSerializerFieldExtension):
    """A related object (a foreign key), as its endpoint's nested serializer shows it,
    with every field ``?fields=`` may add to it (``hero_image(title)``)."""

    target_class = "wagtail.api.v2.serializers.RelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        from ..router import api_router

        model = self.target.serializer_class.Meta.model
        _name, endpoint = api_router.get_model_endpoint(model)
        serializer_class = endpoint._get_serializer_class(
            api_router, model, [("*", False, None)], nested=True
        )
        ref = named_component(
            auto_schema,
            f"{model.__name__}Link",
            lambda: auto_schema._map_serializer(serializer_class, direction),
        )
        # Null where there is none, or none the public may see.
        return nullable(ref)


class PageLinkFieldExtension(OpenApiSerializerFieldExtension):
    """Another page (a parent, the page an alias copies), as ``api.serializers.page_link``
    shows it; null where there is none the public may see."""

    target_class = "wagtail.api.v2.serializers.PageParentField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        serializer_class = page_link_serializer_class(Page)
        ref = named_component(
            auto_schema,
            "PageLink",
            lambda: auto_schema._map_serializer(serializer_class, direction),
        )
        return nullable(ref)


class PageAliasOfFieldExtension(PageLinkFieldExtension):
    target_class = "wagtail.api.v2.serializers.PageAliasOfField"


class StreamFieldExtension(OpenApiSerializerFieldExtension):
    """A StreamField's blocks, from the model field's own block definitions."""

    target_class = "wagtail.api.v2.serializers.StreamField"

    def map_serializer_field(self, auto_schema, direction):
        model_field = model_of(self.target)._meta.get_field(self.target.source)
        return stream_schema(model_field.stream_block, auto_schema.registry, model_field.help_text)


class ImageRenditionFieldExtension(OpenApiSerializerFieldExtension):
    """A rendition of an image, typed as Wagtail types ``ImageRenditionField``."""

    target_class = "wagtail.images.api.fields.ImageRenditionField"
    match_subclasses = True

    def get_name(self):
        return "Rendition"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_response_type_hint(ImageRenditionField.to_representation)
        schema["description"] = (
            "A resized copy of an image; only `error` where the original cannot be read."
        )
        return schema


class PageTypesSerializer(serializers.Serializer):
    """Stands for a page of any of ``page_serializers``' types, in an operation's schema."""

    def __init__(self, page_serializers=(), name="Page", **kwargs):
        self.page_serializers = page_serializers
        self.schema_name = name
        super().__init__(**kwargs)


class PageTypesSerializerExtension(OpenApiSerializerExtension):
    """One of the page types, which ``meta.type`` (always there, one value per type)
    tells apart."""

    target_class = PageTypesSerializer

    def get_name(self, auto_schema, direction):
        return self.target.schema_name

    def map_serializer(self, auto_schema, direction):
        return {
            "description": "A page of one of these types; `meta.type` says which. A listing "
            "without `type=` gives each page the fields all pages have.",
            "oneOf": [
                auto_schema.resolve_serializer(serializer, direction).ref
                for serializer in self.target.page_serializers
            ],
        }
