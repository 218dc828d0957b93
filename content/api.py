"""The pages endpoint of the API: Wagtail's, with review filters and bounded queries."""

import copy
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.http import Http404
from rest_framework.filters import BaseFilterBackend
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v2 import filters, views
from wagtail.api.v2.utils import BadRequestError

from cms.api_serializers import PageSerializer
from cms.api_validation import ClientErrorsMixin, FieldsFilter
from cms.throttling import RateLimitedMixin

from . import openapi
from .api_cache import CachedResponsesMixin
from .models import FilmReviewPage, FilmReviewPageTag
from .snippets import FilmComposer

# Tags one ?tag= filter may name: each is a condition in the query.
MAX_TAGS = 20


class ReviewFilter(BaseFilterBackend):
    """Filters reviews by composer, tag and minimum rating.

    Needs ``type=content.FilmReviewPage``, as Wagtail's own field filters do; ``film``
    (a film id) is one of those field filters.
    Eg: ?type=content.FilmReviewPage&composer=Arcade Fire&tag=melancholy,electronic&rating_min=4
    """

    query_parameters = frozenset(["composer", "tag", "rating_min"])

    def filter_queryset(self, request, queryset, view):
        requested = sorted(self.query_parameters.intersection(request.GET))
        if not requested:
            return queryset
        if not issubclass(queryset.model, FilmReviewPage):
            raise BadRequestError(
                f"{', '.join(requested)} can only be used with type=content.FilmReviewPage"
            )

        conditions = []
        if "composer" in request.GET:
            composers = FilmComposer.objects.filter(
                film=OuterRef("film"), name__iexact=request.GET["composer"]
            )
            conditions.append(Exists(composers))
        if "tag" in request.GET:
            for tag in self.parse_tags(request.GET["tag"]):
                tagged = FilmReviewPageTag.objects.filter(
                    content_object=OuterRef("pk"), tag__name__iexact=tag
                )
                conditions.append(Exists(tagged))
        if "rating_min" in request.GET:
            conditions.append(Q(rating__gte=self.parse_rating(request.GET["rating_min"])))

        if "search" in request.GET:
            # Search backends filter only on declared fields: id is one.
            return queryset.filter(id__in=FilmReviewPage.objects.filter(*conditions).values("id"))
        # EXISTS conditions let the database start from the few matching rows.
        return queryset.filter(*conditions)

    @staticmethod
    def parse_tags(value):
        """The distinct tags of a comma-separated list; each one is a condition, and the
        database takes only so many."""
        tags = {tag.strip().casefold() for tag in value.split(",")} - {""}
        if len(tags) > MAX_TAGS:
            raise BadRequestError(f"tag takes at most {MAX_TAGS} tags")
        return sorted(tags)

    @staticmethod
    def parse_rating(value):
        try:
            rating = Decimal(value)
        except InvalidOperation:
            rating = None
        if rating is None or not rating.is_finite() or not Decimal(0) <= rating <= Decimal(5):
            raise BadRequestError("rating_min must be a number from 0 to 5")
        return rating


class OrderingFilter(filters.OrderingFilter):
    """Wagtail's ordering, with unrated reviews last whichever way ratings are sorted."""

    def filter_queryset(self, request, queryset, view):
        queryset = super().filter_queryset(request, queryset, view)
        ordering = queryset.query.order_by
        if not any(field.lstrip("-") == "rating" for field in ordering):
            return queryset
        return queryset.order_by(
            *(
                F(field.lstrip("-")).desc(nulls_last=True)
                if field.startswith("-")
                else F(field).asc(nulls_last=True)
                for field in ordering
            )
        )


class LocaleFilter(filters.LocaleFilter):
    """Wagtail's ?locale filter, answering 400 for a locale that does not exist, as
    ?child_of does for a page that does not exist, rather than 404 for the whole listing."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except Http404:
            raise BadRequestError("locale does not exist") from None


@openapi.document_actions(openapi.PAGES)
class PagesAPIViewSet(
    RateLimitedMixin, CachedResponsesMixin, ClientErrorsMixin, views.PagesAPIViewSet
):
    """The pages endpoint, with review filters and listings of a constant query count."""

    base_serializer_class = PageSerializer
    # Films change which reviews a composer filter or a search finds.
    cache_list_tags = ["page:list", "film:list"]

    filter_backends = [
        FieldsFilter,
        ReviewFilter,
        filters.ChildOfFilter,
        filters.AncestorOfFilter,
        filters.DescendantOfFilter,
        OrderingFilter,
        filters.TranslationOfFilter,
        LocaleFilter,
        filters.SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = views.PagesAPIViewSet.known_query_parameters.union(
        ReviewFilter.query_parameters
    )

    def get_renderer_context(self):
        # Wagtail pretty-prints with an indent of 4, which takes Python's slow JSON
        # encoder; clients that want it indented ask with "Accept: application/json; indent=4".
        context = super().get_renderer_context()
        del context["indent"]
        return context

    @classmethod
    def get_object_detail_urlpath(cls, model, pk, namespace=""):
        # A page previewed before its first save has no id, so no detail URL yet.
        if pk is None:
            return None
        return super().get_object_detail_urlpath(model, pk, namespace=namespace)

    def get_base_queryset(self):
        """Live pages of the site that an anonymous reader may see.

        Wagtail shows a request the restricted pages its session may open (logged in, in
        a group, or with the page's password). The public API answers every client as an
        anonymous reader, so that no session opens a restricted page here, nor puts one
        into the cache that all clients share.
        """
        # Wagtail asks for it twice a request (the queryset, the serializer's context),
        # and each time reads the view restrictions and the site again.
        if not hasattr(self, "_base_queryset"):
            anonymous = copy.copy(self.request._request)
            anonymous.user = AnonymousUser()
            anonymous.session = {}
            try:
                self._base_queryset = get_public_pages_queryset(anonymous)
            except ValueError as error:  # an unknown ?site=, as Wagtail answers it
                raise BadRequestError(str(error)) from error
        return self._base_queryset

    def get_queryset(self):
        return with_related_objects(super().get_queryset())

    def get_object(self):
        """The page as its own type, with what it shows, in two queries and the prefetches.

        Wagtail loads the page, then its specific type, then each related object.
        """
        if not hasattr(self, "_cached_object"):
            pages = self.filter_queryset(self.get_queryset()).filter(pk=self.kwargs["pk"])
            content_type_id = pages.values_list("content_type_id", flat=True).first()
            if content_type_id is None:
                raise Http404("No Page matches the given query.")
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            self._cached_object = with_related_objects(
                model.objects.filter(pk=self.kwargs["pk"])
            ).get()
        return self._cached_object


def with_related_objects(pages):
    """Pages, with what the API shows of them loaded in a fixed number of queries."""
    pages = pages.select_related("locale")
    if issubclass(pages.model, FilmReviewPage):
        # Images are prefetched, not joined: each join costs PostgreSQL more time to plan
        # the query (milliseconds, with nine tables) than a prefetch query takes.
        pages = pages.select_related("film", "reviewer").prefetch_related(
            "film__directors",
            "film__composers",
            "film__cast",
            "film__poster__renditions",
            "reviewer__photo__renditions",
            "hero_image__renditions",
            Prefetch("tagged_items", FilmReviewPageTag.objects.select_related("tag")),
        )
    return pages
