"""The endpoints of the public read API: pages, images and documents.

Every request takes one path, set out in ``PublicEndpoint.as_view``: the rate limit
(``api.throttling``), then the response cache (``api.cache``), then DRF and Wagtail. The
viewsets below say only what the public may see (``headless.visibility``), how to filter it
(``api.filters``) and how to load it in a fixed number of queries.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from taggit.models import Tag
from wagtail.api import APIField
from wagtail.api.v2 import filters, views
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.documents.api.v2 import views as documents_views
from wagtail.images import get_image_model
from wagtail.images.api.v2 import views as images_views
from wagtail.models import Page, Site

from content.snippets import Film
from headless import visibility
from search.filters import SearchFilter

from .cache.responses import cached_view
from .cache.tags import list_tag
from .filters import (
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    ReviewFilter,
    UpdatedSinceFilter,
)
from .openapi.schema import WagtailEndpointSchema
from .pagination import Pagination
from .reply_counts import ReplyCountField, takes_replies, with_reply_counts
from .serializers import PageSerializer
from .throttling import rate_limited
from .validation import as_integer, check_query, is_beyond_database_integers


class PublicEndpoint:
    """What every endpoint of the public API shares, put first in a Wagtail viewset's
    bases: the order a request takes, 400s for input Wagtail would pass to the
    database, paging, and the OpenAPI description."""

    pagination_class = Pagination
    schema = WagtailEndpointSchema()
    # The public API answers everyone alike, as an anonymous reader: it reads no session
    # (nor varies on its cookie), and no session opens a restricted page to it.
    authentication_classes = []
    # What can change which items a listing holds: tags for the response cache.
    cache_list_tags = ()
    # Whether responses are stored for other requests.
    cache_responses = True

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        # The rate limit first, so that every request counts, those the cache answers too;
        # then the response cache; then DRF and Wagtail.
        return rate_limited(cached_view(super().as_view(actions, **initkwargs), cls))

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        """Wagtail's serializer for ``?fields=``, with two more rules: every item has its
        ``id`` and ``meta.type`` (what tells items apart), and the objects that a page
        type's ``api_fields`` nest (``film``, ``reviewer``) take a selection of their
        own fields, as Wagtail's nested objects do: ``film(title,composers)``."""
        overrides = cls.get_field_serializer_overrides(model)
        selections, config = {}, []
        for name, negated, sub_fields in fields_config:
            if negated and name in ALWAYS_GIVEN:
                raise BadRequestError(f"fields cannot leave out {name}: every item has it")
            if sub_fields and isinstance(overrides.get(name), serializers.Serializer):
                selections[name], sub_fields = sub_fields, None
            config.append((name, negated, sub_fields))
        config += [(name, False, None) for name in ALWAYS_GIVEN]
        serializer_class = super()._get_serializer_class(
            router, model, config, show_details=show_details, nested=nested
        )
        selected = {
            name: with_selected_fields(name, overrides[name], sub_fields)
            for name, sub_fields in selections.items()
            if name in serializer_class.Meta.fields  # not left out after all (-film)
        }
        if not selected:
            return serializer_class
        return type(serializer_class.__name__, (serializer_class,), selected)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if not db_fields_only:
            return fields
        # The database fields are those that filters and orderings compare with a value.
        return [name for name in fields if is_comparable_column(model._meta.get_field(name))]

    def initial(self, request, *args, **kwargs):
        # A method the address does not take is a 405, whatever its query says.
        if not hasattr(self, request.method.lower()):
            raise exceptions.MethodNotAllowed(request.method)
        check_query(request.GET)
        formats = sorted(renderer.format for renderer in self.get_renderers())
        if request.GET.get("format", formats[0]) not in formats:
            raise BadRequestError(f"format must be one of {', '.join(formats)}")
        super().initial(request, *args, **kwargs)

    def find_object(self, queryset, request):
        if "id" in request.GET:
            number = as_integer(request.GET["id"])
            if number is None or number < 0:
                raise BadRequestError("id must be a whole number")
            if is_beyond_database_integers(request.GET["id"]):
                raise BadRequestError("id is out of range")
        return super().find_object(queryset, request)

    def handle_exception(self, exc):
        # Wagtail's viewsets answer its BadRequestError; the API's other viewsets, here.
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=400)
        # A filter value the database cannot read (a date that is not a date) is the
        # client's mistake, not a server error.
        if isinstance(exc, ValidationError):
            message = f"invalid filter value: {' '.join(exc.messages)}"
            return Response({"message": message}, status=400)
        response = super().handle_exception(exc)
        # DRF's own errors (405, 406) say "detail"; every error of this API says "message".
        if isinstance(response.data, dict) and set(response.data) == {"detail"}:
            response.data = {"message": str(response.data["detail"])}
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON whatever the client accepts, a browser's text/html included.
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def get_renderer_context(self):
        # Wagtail pretty-prints with an indent of 4, which takes Python's slow JSON
        # encoder; clients that want it indented ask with "Accept: application/json; indent=4".
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context


# What every item of every endpoint has, whatever ?fields= says.
ALWAYS_GIVEN = ("id", "type")


def with_selected_fields(name, serializer, fields_config):
    """A copy of a nested object's serializer that gives only the fields selected: its
    ``id`` and those named (``title,composers``); ``*`` for all of them, ``-cast`` to
    leave one out, ``_`` for none but those named after it."""
    available = list(serializer.fields)
    first = fields_config[0][0]
    if first in ("*", "_"):
        chosen = set(available) if first == "*" else set()
        fields_config = fields_config[1:]
    elif all(negated for _name, negated, _sub in fields_config):
        chosen = set(available)
    else:
        chosen = {"id"} & set(available)
    unknown = sorted({field for field, _negated, _sub in fields_config} - set(available))
    if unknown:
        raise BadRequestError(f"unknown fields of {name}: {', '.join(unknown)}")
    for field, negated, sub_fields in fields_config:
        if sub_fields:
            raise BadRequestError(f"'{name}({field})' does not support nested fields")
        (chosen.discard if negated else chosen.add)(field)

    base = type(serializer)

    class SelectedFieldsSerializer(base):
        def get_fields(self):
            fields = super().get_fields()
            return {field: value for field, value in fields.items() if field in chosen}

    SelectedFieldsSerializer.__name__ = base.__name__
    return SelectedFieldsSerializer(*serializer._args, **serializer._kwargs)


def is_comparable_column(field):
    """Whether a filter or an ordering can compare the field with one value: not so a
    StreamField's JSON, nor tags, of which a page has many (``?tag=`` filters by them)."""
    return field.concrete and not field.many_to_many and field.get_internal_type() != "JSONField"


class PagesAPIViewSet(PublicEndpoint, views.PagesAPIViewSet):
    """The pages endpoint, with review filters and listings of a constant query count."""

    base_serializer_class = PageSerializer
    # Films and tags change which reviews a composer, tag or search filter finds.
    cache_list_tags = [list_tag(Page), list_tag(Film), list_tag(Tag)]

    # When each page was last published, for builds that fetch what changed.
    meta_fields = [*views.PagesAPIViewSet.meta_fields, "last_published_at"]
    listing_default_fields = [*views.PagesAPIViewSet.listing_default_fields, "last_published_at"]

    filter_backends = [
        FieldsFilter,
        ReviewFilter,
        UpdatedSinceFilter,
        filters.ChildOfFilter,
        filters.AncestorOfFilter,
        filters.DescendantOfFilter,
        OrderingFilter,
        filters.TranslationOfFilter,
        LocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = views.PagesAPIViewSet.known_query_parameters.union(
        ReviewFilter.query_parameters, ["updated_since", "cursor"]
    )

    @classmethod
    def get_body_fields(cls, model):
        # What the page type declares, and the count of its published replies.
        fields = super().get_body_fields(model)
        if takes_replies(model):
            fields.append(APIField("reply_count", serializer=ReplyCountField()))
        return fields

    @classmethod
    def get_object_detail_urlpath(cls, model, pk, namespace=""):
        # A page previewed before its first save has no id, so no detail URL yet.
        if pk is None:
            return None
        return super().get_object_detail_urlpath(model, pk, namespace=namespace)

    def get_base_queryset(self):
        """The pages the public may see, read once a request: Wagtail asks twice (for
        the queryset, and for the serializer's context)."""
        if not hasattr(self, "_base_queryset"):
            try:
                self._base_queryset = visibility.public_pages(self.request)
            except ValueError as error:  # a ?site= that names several sites
                raise BadRequestError(str(error)) from error
        return self._base_queryset

    def get_queryset(self):
        return with_api_fields(super().get_queryset())

    def find_view(self, request):
        """Wagtail's find, which also follows the redirects Wagtail makes when a page
        moves or changes its slug (and those editors add): an old address answers a 301
        (302 for a temporary redirect) to the detail of the page it leads to, whose
        ``meta.html_url`` is the new address."""
        try:
            return super().find_view(request)
        except Http404:
            redirect = self.redirect_for(request)
            if redirect is None:
                raise
            url = get_object_detail_url(
                request.wagtailapi_router, request, Page, redirect.redirect_page_id
            )
            kept = request.GET.copy()
            for name in self.find_query_parameters:
                kept.pop(name, None)
            if kept:
                url += "?" + kept.urlencode()
            response_class = (
                HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
            )
            response = response_class(url)
            # Browsers keep a 301 for good: an editor may yet change where it leads.
            add_never_cache_headers(response)
            return response

    def redirect_for(self, request):
        """The redirect from ``html_path`` on the request's site to a page the public
        may see, or None."""
        path = request.GET.get("html_path")
        site = Site.find_for_request(request)
        if not path or site is None:
            return None
        try:
            old_path = Redirect.normalise_path(path)
        except ValueError:  # not a path a URL can hold, such as //[x
            return None
        redirect = (
            Redirect.get_for_site(site)
            .filter(old_path=old_path, redirect_page__isnull=False)
            # The site's own redirect before one for every site, as Wagtail's middleware.
            .order_by(F("site").asc(nulls_last=True))
            .first()
        )
        if redirect and self.get_queryset().filter(pk=redirect.redirect_page_id).exists():
            return redirect
        return None

    def get_object(self):
        """The page as its own type, with what it shows, in two queries and the prefetches.

        Wagtail loads the page, then its specific type, then each related object. The
        listing's filters (a search among them) choose among pages, not within one: a
        detail does not apply them.
        """
        if not hasattr(self, "_cached_object"):
            pages = self.get_queryset().filter(pk=self.kwargs["pk"])
            content_type_id = pages.values_list("content_type_id", flat=True).first()
            if content_type_id is None:
                raise Http404("No Page matches the given query.")
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            self._cached_object = with_api_fields(model.objects.filter(pk=self.kwargs["pk"])).get()
        return self._cached_object


def with_api_fields(pages):
    """Pages, with what the API shows of them loaded in a fixed number of queries: what
    their page type's ``prefetch_for_api`` asks for."""
    pages = pages.select_related("locale")
    if takes_replies(pages.model):
        pages = with_reply_counts(pages)
    prefetch_for_api = getattr(pages.model, "prefetch_for_api", None)
    return prefetch_for_api(pages) if prefetch_for_api else pages


class ImagesAPIViewSet(PublicEndpoint, images_views.ImagesAPIViewSet):
    known_query_parameters = images_views.ImagesAPIViewSet.known_query_parameters | {"cursor"}
    cache_list_tags = [list_tag(get_image_model())]
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]

    def get_queryset(self):
        return visibility.public_media(self.model).order_by("id")


class DocumentsAPIViewSet(PublicEndpoint, documents_views.DocumentsAPIViewSet):
    known_query_parameters = documents_views.DocumentsAPIViewSet.known_query_parameters | {"cursor"}
    cache_list_tags = [list_tag(get_document_model())]
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]

    def get_queryset(self):
        return visibility.public_media(self.model).order_by("id")
