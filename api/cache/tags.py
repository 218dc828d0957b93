"""The response cache's tags: what a response shows, and what a change touches.

``page:5``, ``film:2``, ``image:7`` name one object, in every response that shows it;
``page:list``, ``film:list``… name what can change which items a listing holds.
"""

from functools import cache

from modelcluster.fields import ParentalKey
from taggit.managers import TaggableManager
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models


def kind(model):
    """The first part of a tag: ``page`` for every page type, else the model's name."""
    return "page" if issubclass(model, Page) else model._meta.model_name


def list_tag(model):
    """The tag of what can change which objects of this kind a listing holds."""
    parent = parental_key(model)
    return f"{kind(parent.related_model if parent else model)}:list"


@cache
def parental_key(model):
    """The key that makes rows of ``model`` part of another object (a film's composers
    are part of the film), or None."""
    return next(
        (field for field in model._meta.concrete_fields if isinstance(field, ParentalKey)),
        None,
    )


def shown_as(instance):
    """The model and id of what a response shows when it shows this object: a row that
    is part of another object (a film's composer) shows as that object."""
    parent = parental_key(type(instance))
    if parent is not None:
        return parent.related_model, getattr(instance, parent.attname)
    return type(instance), instance.pk


def object_tag(instance):
    """The tag of what a response shows when it shows this object."""
    model, pk = shown_as(instance)
    return f"{kind(model)}:{pk}"


def object_tags(instance):
    """The tags a change to this object bumps: its own, and the listings of its kind."""
    return [object_tag(instance), list_tag(type(instance))]


def tracked_models():
    """The models whose objects the API shows: the page types, what their ``api_fields``
    point at (films, reviewers), the rows that are part of those (a film's composers),
    images and documents, and the tags they carry."""
    pages = get_page_models()
    pointed_at = {
        field.related_model
        for page in pages
        for field in page._meta.concrete_fields
        if field.many_to_one and field.name in api_field_names(page)
    }
    parts = {
        related.related_model
        for model in pointed_at
        for related in model._meta.related_objects
        if isinstance(related.field, ParentalKey)
    }
    shown = [*pages, *pointed_at, *parts, get_image_model(), get_document_model()]
    return list(dict.fromkeys([*shown, *tag_models(shown)]))


def tag_models(models):
    """The models of the tags that objects of these models carry (taggit's Tag)."""
    return {
        field.remote_field.model
        for model in models
        for field in model._meta.get_fields()
        if isinstance(field, TaggableManager)
    }


def api_field_names(model):
    return {getattr(field, "name", field) for field in getattr(model, "api_fields", ())}
