"""The query parameters of Wagtail's filter backends, which describe none themselves, and
of ``api.filters.FieldsFilter``, whose parameters are the columns of every page type.

Our other backends (``api.filters.ReviewFilter``) and the pagination describe theirs in
``get_schema_operation_parameters``; drf-spectacular asks every backend of a listing.
"""

from drf_spectacular.extensions import OpenApiFilterExtension
from wagtail.models import Page, get_page_models

from search.queries import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, SEARCH_OPERATORS


def query_parameter(name, schema, description, **extra):
    return {"name": name, "in": "query", "schema": schema, "description": description, **extra}


class PageIdFilterExtension(OpenApiFilterExtension):
    """A filter that takes another page's id; subclasses say which and what it finds."""

    parameter = description = None

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        schema = {"type": "integer", "minimum": 1}
        return [query_parameter(self.parameter, schema, self.description)]


class ChildOfFilterExtension(PageIdFilterExtension):
    target_class = "wagtail.api.v2.filters.ChildOfFilter"
    parameter, description = "child_of", "Pages directly under this page."


class DescendantOfFilterExtension(PageIdFilterExtension):
    target_class = "wagtail.api.v2.filters.DescendantOfFilter"
    parameter, description = "descendant_of", "Pages anywhere under this page."


class AncestorOfFilterExtension(PageIdFilterExtension):
    target_class = "wagtail.api.v2.filters.AncestorOfFilter"
    parameter, description = "ancestor_of", "Pages above this page."


class TranslationOfFilterExtension(PageIdFilterExtension):
    target_class = "wagtail.api.v2.filters.TranslationOfFilter"
    parameter, description = "translation_of", "Translations of this page."


class LocaleFilterExtension(OpenApiFilterExtension):
    target_class = "wagtail.api.v2.filters.LocaleFilter"
    match_subclasses = True

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        return [query_parameter("locale", {"type": "string"}, "A language code, e.g. `en-gb`.")]


class SearchFilterExtension(OpenApiFilterExtension):
    target_class = "wagtail.api.v2.filters.SearchFilter"
    match_subclasses = True

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        return [
            query_parameter(
                "search",
                {"type": "string", "maxLength": MAX_SEARCH_LENGTH},
                f"Words to search for, at most {MAX_SEARCH_WORDS}.",
            ),
            query_parameter(
                "search_operator",
                {"type": "string", "enum": list(SEARCH_OPERATORS)},
                "Whether every word of `search` must match, or any one of them.",
            ),
        ]


# Ids, comma-separated, as api.filters.object_ids reads them.
IDS_PATTERN = r"^ *[0-9]+ *(, *[0-9]+ *)*$"

# What a query parameter's value keeps of its column's schema: a query has no null,
# and the parameter has a description of its own.
VALUE_KEYWORDS = ("type", "format", "enum", "maxLength", "minimum", "maximum", "pattern")


def value_schema(column):
    schema = {key: value for key, value in column.items() if key in VALUE_KEYWORDS}
    if "enum" in schema:
        schema["enum"] = [value for value in schema["enum"] if value is not None]
    return schema


def ids_parameter(name, model, typed):
    """A foreign key's filter, which takes ids, any of which matches."""
    description = f"Items whose `{name}` is any of these ids, comma-separated."
    if typed:
        description = f"With `type={model._meta.label}`: {description[0].lower()}{description[1:]}"
    schema = {"type": "string", "pattern": IDS_PATTERN, "example": "1,2"}
    return query_parameter(name, schema, description)


class FieldsFilterExtension(OpenApiFilterExtension):
    """A parameter per field the items can be filtered by, typed as its column: the
    viewset's database fields, of each page type for pages."""

    target_class = "api.filters.FieldsFilter"
    match_subclasses = True

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        view = auto_schema.view
        if issubclass(view.model, Page):
            shared, models = Page, [model for model in get_page_models() if model is not Page]
        else:
            shared, models = view.model, [view.model]
        shared_names = set(view.get_available_fields(shared, db_fields_only=True))
        parameters = {}
        for model in [shared, *models]:
            for name in view.get_available_fields(model, db_fields_only=True):
                # Locale is a column, but LocaleFilter reads ?locale= (as Wagtail's does).
                if name in parameters or name == "locale":
                    continue
                field = model._meta.get_field(name)
                if field.many_to_one:
                    parameters[name] = ids_parameter(name, model, name not in shared_names)
                    continue
                schema = value_schema(auto_schema._map_model_field(field, "request"))
                description = f"Items whose `{name}` is this."
                if name not in shared_names:
                    description = f"With `type={model._meta.label}`: pages whose `{name}` is this."
                parameters[name] = query_parameter(name, schema, description)
        return list(parameters.values())
