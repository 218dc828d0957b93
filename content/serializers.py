"""How films, reviewers and a review's page-level fields appear in the API.

Each docstring ends with the JSON the field produces: it is the contract frontends read.
The related objects are read from what ``content.api`` prefetches, so serialising a
listing costs the same number of queries whatever its length.
"""

from rest_framework import serializers
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField

# Named renditions of a review's hero image, and of the small images beside it.
HERO_IMAGE_RENDITIONS = {
    "hero_image_wide": "fill-1600x900",
    "hero_image_card": "fill-800x450",
    "hero_image_thumbnail": "fill-400x225",
}
POSTER_RENDITION = "max-600x900"
PHOTO_RENDITION = "fill-240x240"


def hero_image_rendition_fields():
    return [
        APIField(name, serializer=ImageRenditionField(spec, source="hero_image"))
        for name, spec in HERO_IMAGE_RENDITIONS.items()
    ]


class FilmSerializer(serializers.Serializer):
    """The film a review is about, nested in the review.

    Example:
    "film": {
        "id": 1,
        "title": "Her",
        "release_year": 2013,
        "directors": ["Spike Jonze"],
        "composers": ["Arcade Fire", "Owen Pallett"],
        "cast": [{"name": "Joaquin Phoenix", "character": "Theodore Twombly"}],
        "poster": {"url": "http://127.0.0.1:8000/media/images/her.max-600x900.jpg", …},
        "external_ids": {"imdb": "tt1798709", "tmdb": 152601, "musicbrainz": null}
    }
    """

    # Declared field by field: a ModelSerializer would inspect the model on every request.
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    release_year = serializers.IntegerField(read_only=True)
    directors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    composers = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    cast = serializers.SerializerMethodField()
    poster = ImageRenditionField(POSTER_RENDITION)
    external_ids = serializers.SerializerMethodField()

    def get_cast(self, film):
        return [{"name": member.name, "character": member.character} for member in film.cast.all()]

    def get_external_ids(self, film):
        return {
            "imdb": film.imdb_id or None,
            "tmdb": film.tmdb_id,
            "musicbrainz": str(film.musicbrainz_id) if film.musicbrainz_id else None,
        }


class ReviewerSerializer(serializers.Serializer):
    """The critic who wrote a review.

    Example:
    "reviewer": {
        "id": 1,
        "name": "Mara Lindqvist",
        "bio": "Writes about film music.",
        "photo": {"url": "http://127.0.0.1:8000/media/images/mara.fill-240x240.jpg", …}
    }
    """

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    bio = serializers.CharField(read_only=True)
    photo = ImageRenditionField(PHOTO_RENDITION)


class SoundtrackField(Field):
    """The album the review is about.

    Example:
    "soundtrack": {"album_title": "Her (Original Score)", "label": "Mercury", "release_year": 2014}
    """

    def to_representation(self, page):
        return {
            "album_title": page.album_title,
            "label": page.album_label,
            "release_year": page.album_release_year,
        }


class TagNamesField(Field):
    """A review's tags (moods and genres) in alphabetical order.

    Example:
    "tags": ["bittersweet", "electronic"]
    """

    def to_representation(self, tagged_items):
        return sorted(tagged_item.tag.name for tagged_item in tagged_items.all())
