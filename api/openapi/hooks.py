"""drf-spectacular's pre- and postprocessing hooks (``SPECTACULAR_SETTINGS``)."""

# Where api.urls mounts the router's endpoints.
PUBLIC_API_PREFIX = "/api/v2/"


def only_public_api(endpoints):
    """The document describes the public API only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_API_PREFIX)]


def refuse_empty_values(result, generator, request, public):
    """Every text query parameter takes a value: an empty one is a 400
    (``api.validation.check_query``)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter["in"] == "query" and schema.get("type") == "string":
                    schema.setdefault("minLength", 1)
    return result


def close_objects(result, generator, request, public):
    """Every object in the document's schemas admits only the properties it describes,
    so that a response with a property the document lacks fails its tests."""
    schemas = result.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        schemas[name] = closed(schema)
    return result


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
