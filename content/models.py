import math
from decimal import Decimal
from typing import TypedDict

from django.db import models
from django.db.models import Prefetch
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework.fields import FloatField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from headless.models import HeadlessPageMixin

from .blocks import ReviewBodyBlock, prose
from .forms import FilmReviewPageForm
from .serializers import (
    FilmSerializer,
    ReviewerSerializer,
    SoundtrackSerializer,
    TagNamesField,
    hero_image_rendition_fields,
)
from .snippets import RELEASE_YEAR_VALIDATORS, Film, Reviewer

# Ratings are out of five stars, in half-star steps. The values are written as the
# column stores them (4.0, not 4), so that the admin's select shows a stored rating.
RATING_CHOICES = [
    (rating.quantize(Decimal("0.1")), f"{rating.normalize()} / 5")
    for rating in (Decimal(half_stars) / 2 for half_stars in range(1, 11))
]

# An unhurried reader's pace, in words per minute, for the reading time.
READING_WORDS_PER_MINUTE = 230


class TracklistEntry(TypedDict):
    """A track that a review discusses: the id of its block, its place on the album (or
    null) and its title."""

    id: str
    track_number: int | None
    title: str


class ReviewIndexPage(HeadlessPageMixin, Page):
    """A section that lists reviews, such as /reviews/."""

    introduction = models.TextField(blank=True, help_text="A line or two above the listing.")

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["content.FilmReviewPage"]


class FilmReviewPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.FilmReviewPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class FilmReviewPage(HeadlessPageMixin, Page):
    """A review of a film's score: an intro, commentary on its tracks and a conclusion."""

    # Required to publish; a draft may be saved before its film is chosen.
    film = models.ForeignKey(Film, null=True, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        Reviewer, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    teaser = models.TextField(
        max_length=300, help_text="One or two sentences for listings and link previews."
    )
    rating = models.DecimalField(
        max_digits=2,
        decimal_places=1,
        choices=RATING_CHOICES,
        null=True,
        blank=True,
        help_text="Out of five stars, in half stars. Leave empty for an unrated review.",
    )
    tags = ClusterTaggableManager(
        through=FilmReviewPageTag, blank=True, help_text="Moods and genres, e.g. melancholy."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    album_title = models.CharField("Album title", max_length=255, blank=True)
    album_label = models.CharField("Label", max_length=255, blank=True)
    album_release_year = models.PositiveSmallIntegerField(
        "Release year", null=True, blank=True, validators=RELEASE_YEAR_VALIDATORS
    )
    body = StreamField(
        ReviewBodyBlock(),
        help_text="An intro, one commentary per track, then a conclusion.",
    )
    replies_open = models.BooleanField(
        "Replies open",
        default=True,
        help_text="Readers may reply to this review. Closing keeps the published replies.",
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            heading="Headline",
            placeholder="Headline*",
            help_text="The review's headline, as readers see it in listings and on the review.",
        ),
        FieldRowPanel([FieldPanel("film"), FieldPanel("reviewer")]),
        FieldPanel("teaser"),
        FieldRowPanel([FieldPanel("rating"), FieldPanel("tags")]),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("album_title"),
                FieldPanel("album_label"),
                FieldPanel("album_release_year"),
            ],
            heading="Soundtrack reviewed",
        ),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("replies_open")]

    # Search fields for readers (the API's ?search=), autocomplete fields for editors
    # (the admin's page search and Reviews listing): both find a review by the same things.
    search_fields = Page.search_fields + [
        index.RelatedFields(
            "film",
            [
                index.SearchField("title"),
                index.AutocompleteField("title"),
                index.RelatedFields(
                    "composers", [index.SearchField("name"), index.AutocompleteField("name")]
                ),
            ],
        ),
        index.RelatedFields(
            "reviewer", [index.SearchField("name"), index.AutocompleteField("name")]
        ),
        index.RelatedFields("tags", [index.SearchField("name"), index.AutocompleteField("name")]),
        index.SearchField("teaser"),
        index.AutocompleteField("teaser"),
        index.SearchField("body"),
        index.AutocompleteField("body"),
        index.FilterField("rating"),
    ]

    api_fields = [
        APIField("film", serializer=FilmSerializer(read_only=True)),
        APIField("reviewer", serializer=ReviewerSerializer(read_only=True, allow_null=True)),
        APIField("teaser"),
        APIField(
            "rating",
            serializer=FloatField(
                read_only=True,
                allow_null=True,
                min_value=float(min(RATING_CHOICES)[0]),
                max_value=float(max(RATING_CHOICES)[0]),
                help_text="Stars out of five, in half stars; null if unrated.",
            ),
        ),
        APIField("tags", serializer=TagNamesField(source="tagged_items", read_only=True)),
        APIField("hero_image"),
        *hero_image_rendition_fields(),
        APIField("soundtrack", serializer=SoundtrackSerializer(source="*", read_only=True)),
        APIField("body"),
        APIField("tracklist"),
        APIField("reading_time_minutes"),
        APIField("replies_open"),
    ]

    base_form_class = FilmReviewPageForm
    parent_page_types = ["content.ReviewIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "film review"
        # For the API's rating_min filter and ordering by rating.
        indexes = [models.Index(fields=["rating"], name="review_rating_idx")]

    @classmethod
    def prefetch_for_api(cls, reviews):
        """Reviews, with what their ``api_fields`` show loaded in a fixed number of
        queries however many there are: the API calls this for listings and details."""
        # Images are prefetched, not joined: each join costs PostgreSQL more time to plan
        # the query (milliseconds, with nine tables) than a prefetch query takes.
        return reviews.select_related("film", "reviewer").prefetch_related(
            "film__directors",
            "film__composers",
            "film__cast",
            "film__poster__renditions",
            "reviewer__photo__renditions",
            "hero_image__renditions",
            Prefetch("tagged_items", FilmReviewPageTag.objects.select_related("tag")),
        )

    def with_content_json(self, content):
        # A revision may point at a film, reviewer or image deleted since: the version
        # opens with that field empty (modelcluster refuses a protected one outright),
        # and the editor is told which fields those were.
        gone = [
            field.name
            for field in self._meta.local_concrete_fields
            if field.many_to_one
            and content.get(field.name) is not None
            and not field.related_model._base_manager.filter(pk=content[field.name]).exists()
        ]
        page = super().with_content_json({**content, **dict.fromkeys(gone)})
        page.deleted_since_saved = gone
        return page

    def publication_problems(self):
        """What keeps this draft from being published, as sentences for the editor: the
        required fields and rules of the body that Wagtail lets a draft defer."""
        missing = [
            f"{field.verbose_name.capitalize()}: this field is required."
            for field in self._meta.local_concrete_fields
            if field.editable
            and not field.blank
            and field.name != "body"
            and getattr(self, field.attname) in field.empty_values
        ]
        return missing + self.body.stream_block.publication_problems(self.body)

    @property
    def tracklist(self) -> list[TracklistEntry]:
        """The tracks the review discusses, in order, with the ids of their blocks."""
        return [
            {
                "id": block.id,
                "track_number": block.value["track_number"],
                "title": block.value["track_title"],
            }
            for block in self.body
            if block.block_type == "track_commentary"
        ]

    @property
    def reading_time_minutes(self) -> int:
        words = sum(
            len(text.split()) for child in self.body for text in prose(child.block, child.value)
        )
        return max(1, math.ceil(words / READING_WORDS_PER_MINUTE))
