"""Films and reviewers: shared records that many reviews point at."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Upper
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

# The first films were shot in 1888; nothing is released more than a few years ahead.
RELEASE_YEAR_VALIDATORS = [MinValueValidator(1888), MaxValueValidator(2100)]


class Film(index.Indexed, ClusterableModel):
    """A film whose score is reviewed; several reviews may point at one film."""

    title = models.CharField(max_length=255)
    release_year = models.PositiveSmallIntegerField(validators=RELEASE_YEAR_VALIDATORS)
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imdb_id = models.CharField(
        "IMDb id",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^tt\d{7,9}$", "An IMDb id looks like tt1798709.")],
    )
    tmdb_id = models.PositiveIntegerField("TMDb id", null=True, blank=True)
    musicbrainz_id = models.UUIDField(
        "MusicBrainz id",
        null=True,
        blank=True,
        help_text="The MusicBrainz id of the soundtrack's release group.",
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("release_year")]),
        InlinePanel("directors", heading="Director(s)", label="Director", min_num=1),
        InlinePanel("composers", heading="Composer(s) of the score", label="Composer", min_num=1),
        InlinePanel("cast", heading="Principal cast", label="Cast member"),
        FieldPanel("poster"),
        MultiFieldPanel(
            [FieldPanel("imdb_id"), FieldPanel("tmdb_id"), FieldPanel("musicbrainz_id")],
            heading="External ids",
            classname="collapsed",
        ),
    ]

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("release_year"),
        index.RelatedFields("directors", [index.SearchField("name")]),
        index.RelatedFields("composers", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["title", "release_year"]
        constraints = [
            models.UniqueConstraint(fields=["title", "release_year"], name="unique_film_per_year")
        ]

    def __str__(self):
        return f"{self.title} ({self.release_year})"

    def composer_names(self):
        return ", ".join(composer.name for composer in self.composers.all())

    composer_names.short_description = "Composer(s)"


class FilmPerson(Orderable):
    """Someone credited on a film, in the order of the credits."""

    name = models.CharField(max_length=255)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.name


class FilmDirector(FilmPerson):
    film = ParentalKey(Film, on_delete=models.CASCADE, related_name="directors")


class FilmComposer(FilmPerson):
    film = ParentalKey(Film, on_delete=models.CASCADE, related_name="composers")

    class Meta(FilmPerson.Meta):
        # The API's composer filter matches names in any case, as UPPER(name) on PostgreSQL.
        indexes = [models.Index(Upper("name"), name="film_composer_name_upper_idx")]


class FilmCastMember(FilmPerson):
    film = ParentalKey(Film, on_delete=models.CASCADE, related_name="cast")
    character = models.CharField(max_length=255, blank=True, help_text="Whom they play or voice.")

    panels = [FieldRowPanel([FieldPanel("name", heading="Actor"), FieldPanel("character")])]


class Reviewer(index.Indexed, models.Model):
    """A critic who writes reviews."""

    name = models.CharField(max_length=255, unique=True)
    bio = models.TextField(
        "Short bio", max_length=500, blank=True, help_text="Two or three sentences."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(
        "Contact email", blank=True, help_text="For the editors only: never published."
    )

    panels = [FieldPanel("name"), FieldPanel("bio"), FieldPanel("photo"), FieldPanel("email")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
