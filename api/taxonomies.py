"""The taxonomy endpoints: the tags, films, composers and reviewers of the live, public
reviews, each with how many of those reviews it has, for a frontend's menus and index
pages without a crawl of every review.

Only what at least one live, public review has is listed: a tag, film or reviewer that
only drafts or restricted pages use says something the public may not know yet.
Eg: /api/v2/films/?search=her&order=-review_count
"""

from django.db.models import CharField, Count, IntegerField, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce, Upper
from django.utils.text import slugify
from rest_framework import mixins, serializers, viewsets
from rest_framework.filters import BaseFilterBackend
from taggit.models import Tag
from wagtail.api.v2.utils import BadRequestError

from content.models import FilmReviewPage, FilmReviewPageTag
from content.serializers import FilmSerializer, ReviewerSerializer
from content.snippets import Film, FilmComposer, Reviewer
from headless import visibility

from .cache.tags import list_tag
from .openapi.schema import PublicAPISchema
from .pagination import Pagination
from .validation import check_known_parameters
from .views import PublicEndpoint


def review_count_field():
    return serializers.IntegerField(
        read_only=True, min_value=1, help_text="How many live, public reviews it has."
    )


class TagItemSerializer(serializers.Serializer):
    """A tag (a mood or genre) of the reviews.

    Example:
    {"id": 3, "name": "ambient", "slug": "ambient", "review_count": 12}
    """

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True, help_text="What `tag=` takes.")
    slug = serializers.CharField(read_only=True)
    review_count = review_count_field()


class FilmItemSerializer(FilmSerializer):
    """A film, as a review's `film` shows it, with its count of reviews."""

    review_count = review_count_field()


class ComposerItemSerializer(serializers.Serializer):
    """A composer of the films reviewed: the name as the credits first spell it.

    Example:
    {"name": "Arcade Fire", "slug": "arcade-fire", "review_count": 2}
    """

    name = serializers.CharField(read_only=True, help_text="What `composer=` takes.")
    slug = serializers.SerializerMethodField()
    review_count = review_count_field()

    def get_slug(self, composer) -> str:
        return slugify(composer["name"])


class ReviewerItemSerializer(ReviewerSerializer):
    """A critic, as a review's `reviewer` shows them, with their count of reviews."""

    review_count = review_count_field()


def public_reviews(request):
    return FilmReviewPage.objects.filter(
        pk__in=visibility.public_pages(request).values("pk")
    ).order_by()


def count_of(reviews, **match):
    """A subquery: how many of ``reviews`` match (``film=OuterRef("pk")``), 0 for none."""
    matching = reviews.filter(**match).values(*match).annotate(count=Count("pk"))
    return Coalesce(Subquery(matching.values("count"), output_field=IntegerField()), 0)


class TaxonomySearchFilter(BaseFilterBackend):
    """?search=: items whose name (a film's title) holds these characters, in any case."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        search = request.GET["search"].strip()
        return queryset.filter(**{f"{view.name_field}__icontains": search})

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "search",
                "in": "query",
                "description": f"Items whose `{view.name_field}` holds this, in any case.",
                "schema": {"type": "string", "minLength": 1, "maxLength": 200},
            }
        ]


class TaxonomyOrderingFilter(BaseFilterBackend):
    """?order=: by name (a film's title) or by count of reviews, ties by name."""

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order", view.name_field)
        choices = self.orderings(view)
        if order not in choices:
            raise BadRequestError(f"order must be one of {', '.join(choices)}")
        name = order.lstrip("-")
        descending = order.startswith("-")
        ordering = [f"-{name}" if descending else name]
        if name != view.name_field:
            ordering.append(view.name_field)
        return queryset.order_by(*ordering, *view.unique_ordering)

    @staticmethod
    def orderings(view):
        names = [view.name_field, "review_count"]
        return [*names, *(f"-{name}" for name in names)]

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "order",
                "in": "query",
                "description": f"The order of the items; `{view.name_field}` unless this says "
                "otherwise, `-` before a field for descending.",
                "schema": {"type": "string", "enum": self.orderings(view)},
            }
        ]


class TaxonomySchema(PublicAPISchema):
    def get_operation_id(self):
        return f"{self.view.endpoint_name}_list"

    def get_tags(self):
        return ["taxonomies"]

    def get_description(self):
        return (
            f"The {self.view.endpoint_name} of the live, public reviews, each with its count of "
            "them: only those with at least one. Paged like the pages listing."
        )

    def get_own_responses(self):
        return {200: self.view.serializer_class}


class TaxonomyViewSet(PublicEndpoint, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A listing of one taxonomy: subclasses say what it lists (``get_queryset``), how
    it is shown (``serializer_class``) and what its name field is."""

    schema = TaxonomySchema()
    pagination_class = Pagination
    filter_backends = [TaxonomySearchFilter, TaxonomyOrderingFilter]
    known_query_parameters = frozenset(["search", "order", "limit", "offset", "cursor", "format"])
    # A review published, unpublished or restricted changes the counts.
    cache_list_tags = [list_tag(FilmReviewPage)]
    name_field = "name"
    unique_ordering = ["id"]
    endpoint_name = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_known_parameters(request.GET, self.known_query_parameters)


class TagsViewSet(TaxonomyViewSet):
    endpoint_name = "tags"
    serializer_class = TagItemSerializer
    cache_list_tags = [*TaxonomyViewSet.cache_list_tags, list_tag(Tag)]

    def get_queryset(self):
        tagged = FilmReviewPageTag.objects.filter(content_object__in=public_reviews(self.request))
        return Tag.objects.annotate(review_count=count_of(tagged, tag=OuterRef("pk"))).filter(
            review_count__gt=0
        )


class FilmsViewSet(TaxonomyViewSet):
    endpoint_name = "films"
    serializer_class = FilmItemSerializer
    cache_list_tags = [*TaxonomyViewSet.cache_list_tags, list_tag(Film)]
    name_field = "title"
    unique_ordering = ["release_year", "id"]

    def get_queryset(self):
        reviews = public_reviews(self.request)
        films = Film.objects.annotate(review_count=count_of(reviews, film=OuterRef("pk")))
        return films.filter(review_count__gt=0).prefetch_related(
            "directors", "composers", "cast", "poster__renditions"
        )


class ComposersViewSet(TaxonomyViewSet):
    endpoint_name = "composers"
    serializer_class = ComposerItemSerializer
    cache_list_tags = [*TaxonomyViewSet.cache_list_tags, list_tag(Film)]
    unique_ordering = []

    def get_queryset(self):
        # One item per name in any case, spelt as the first of its spellings in
        # alphabetical order (capitals first).
        reviewed = FilmComposer.objects.filter(film__reviews__in=public_reviews(self.request))
        return (
            reviewed.annotate(key=Upper("name"))
            .values("key")
            .annotate(
                name=Min("name", output_field=CharField()),
                review_count=Count("film__reviews", distinct=True),
            )
        )


class ReviewersViewSet(TaxonomyViewSet):
    endpoint_name = "reviewers"
    serializer_class = ReviewerItemSerializer
    cache_list_tags = [*TaxonomyViewSet.cache_list_tags, list_tag(Reviewer)]

    def get_queryset(self):
        reviews = public_reviews(self.request)
        reviewers = Reviewer.objects.annotate(
            review_count=count_of(reviews, reviewer=OuterRef("pk"))
        )
        return reviewers.filter(review_count__gt=0).prefetch_related("photo__renditions")


TAXONOMIES = [TagsViewSet, FilmsViewSet, ComposersViewSet, ReviewersViewSet]
