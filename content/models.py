import math
from decimal import Decimal

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework.fields import FloatField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.headless import HeadlessPageMixin

from .blocks import ReviewBodyBlock, prose
from .serializers import (
    FilmSerializer,
    ReviewerSerializer,
    SoundtrackField,
    TagNamesField,
    hero_image_rendition_fields,
)
from .snippets import RELEASE_YEAR_VALIDATORS, Film, Reviewer

# Ratings are out of five stars, in half-star steps.
RATING_CHOICES = [
    (Decimal(half_stars) / 2, f"{Decimal(half_stars) / 2} / 5") for half_stars in range(1, 11)
]

# An unhurried reader's pace, in words per minute, for the reading time.
READING_WORDS_PER_MINUTE = 230


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

    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="reviews")
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

    content_panels = [
        TitleFieldPanel("title", heading="Headline"),
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

    search_fields = Page.search_fields + [
        index.RelatedFields(
            "film",
            [
                index.SearchField("title"),
                index.RelatedFields("composers", [index.SearchField("name")]),
            ],
        ),
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("rating"),
    ]

    api_fields = [
        APIField("film", serializer=FilmSerializer()),
        APIField("reviewer", serializer=ReviewerSerializer()),
        APIField("teaser"),
        APIField("rating", serializer=FloatField()),  # stars out of five
        APIField("tags", serializer=TagNamesField(source="tagged_items")),
        APIField("hero_image"),
        *hero_image_rendition_fields(),
        APIField("soundtrack", serializer=SoundtrackField(source="*")),
        APIField("body"),
        APIField("tracklist"),
        APIField("reading_time_minutes"),
    ]

    parent_page_types = ["content.ReviewIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "film review"
        # For the API's rating_min filter and ordering by rating.
        indexes = [models.Index(fields=["rating"], name="review_rating_idx")]

    @property
    def tracklist(self):
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
    def reading_time_minutes(self):
        words = sum(
            len(text.split()) for child in self.body for text in prose(child.block, child.value)
        )
        return max(1, math.ceil(words / READING_WORDS_PER_MINUTE))


class ApiCacheTag(models.Model):
    """When an object that API responses show last changed, for ``content.api_cache``.

    ``key`` names the object (``page:5``, ``film:2``) or a listing (``page:list``);
    ``version`` is the value of the ``*`` row's counter when it last changed. Kept in the
    database, beside the content, so that every process sees a change the moment it
    commits, whichever cache backend each process uses.
    """

    key = models.CharField(max_length=100, primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.key} @ {self.version}"
