"""The schema of a StreamField's value, derived from its blocks, so that it follows them."""

from drf_spectacular.plumbing import ResolvedComponent
from wagtail import blocks

from content.blocks import TrackCommentaryBlock

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
    raise TypeError(f"no API schema for {type(block).__name__}: describe it in api.openapi.blocks")


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


def stream_child_schema(name, block):
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


def stream_schema(stream_block, registry, description):
    """The schema of a StreamField's value: a list of its child blocks, each a component
    named after its block class, told apart by ``type``."""
    refs = {}
    for name, child in stream_block.child_blocks.items():
        component = ResolvedComponent(
            name=type(child).__name__,
            type=ResolvedComponent.SCHEMA,
            schema=stream_child_schema(name, child),
            object=type(child),
        )
        registry.register_on_missing(component)
        refs[name] = component.ref
    return {
        "type": "array",
        "description": description,
        "items": {
            "oneOf": list(refs.values()),
            "discriminator": {
                "propertyName": "type",
                "mapping": {name: ref["$ref"] for name, ref in refs.items()},
            },
        },
    }
