"""How films, reviewers and a review's page-level fields appear in the API.

Each docstring ends with the JSON the field produces: it is the contract frontends read,
and the API's OpenAPI document is derived from these declarations. The related objects
are read from what ``FilmReviewPage.prefetch_for_api`` loads, so serialising a listing
costs the same number of queries whatever its length.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField

from headless.visibility import is_public_media

# Named renditions of a review's hero image, and of the small images beside it.
HERO_IMAGE_RENDITIONS = {
    "hero_image_wide": "fill-1600x900",
    "hero_image_card": "fill-800x450",
    "hero_image_thumbnail": "fill-400x225",
}
POSTER_RENDITION = "max-600x900"
PHOTO_RENDITION = "fill-240x240"


class PublicImageRenditionField(ImageRenditionField):
    """Wagtail's rendition of an image, or null for an image the public may not see (in a
    restricted collection), as the images endpoint hides it.

    Example:
    "poster": {"url": "http://127.0.0.1:8000/media/images/her.max-600x900.jpg", …}
    """

    def to_representation(self, image):
        if not is_public_media(image, self.context):
            return None
        return super().to_representation(image)


def hero_image_rendition_fields():
    return [
        APIField(
            name, serializer=PublicImageRenditionField(spec, source="hero_image", allow_null=True)
        )
        for name, spec in HERO_IMAGE_RENDITIONS.items()
    ]


class NamesField(serializers.ListField):
    """The names of the people credited, in the order of the credits.

    Example:
    "directors": ["Spike Jonze"]
    """

    child = serializers.CharField()

    def to_representation(self, people):
        return [person.name for person in people.all()]


class CastMemberSerializer(serializers.Serializer):
    """An actor and the character they play.

    Example:
    {"name": "Joaquin Phoenix", "character": "Theodore Twombly"}
    """

    name = serializers.CharField(read_only=True)
    character = serializers.CharField(read_only=True)


class ExternalIdsSerializer(serializers.Serializer):
    """A film's ids in other databases, null where unknown.

    Example:
    "external_ids": {"imdb": "tt1798709", "tmdb": 152601, "musicbrainz": null}
    """

    imdb = serializers.CharField(source="imdb_id", read_only=True, allow_null=True)
    tmdb = serializers.IntegerField(source="tmdb_id", read_only=True, allow_null=True)
    musicbrainz = serializers.UUIDField(source="musicbrainz_id", read_only=True, allow_null=True)

    def to_representation(self, film):
        ids = super().to_representation(film)
        return {name: None if value == "" else value for name, value in ids.items()}


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
    directors = NamesField(read_only=True)
    composers = NamesField(read_only=True)
    cast = CastMemberSerializer(many=True, read_only=True)
    poster = PublicImageRenditionField(POSTER_RENDITION, read_only=True, allow_null=True)
    external_ids = ExternalIdsSerializer(source="*", read_only=True)


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
    photo = PublicImageRenditionField(PHOTO_RENDITION, read_only=True, allow_null=True)


class SoundtrackSerializer(serializers.Serializer):
    """The album the review is about.

    Example:
    "soundtrack": {"album_title": "Her (Original Score)", "label": "Mercury", "release_year": 2014}
    """

    album_title = serializers.CharField(read_only=True)
    label = serializers.CharField(source="album_label", read_only=True)
    release_year = serializers.IntegerField(
        source="album_release_year", read_only=True, allow_null=True
    )


class TagNamesField(serializers.ListField):
    """A review's tags (moods and genres) in alphabetical order.

    Example:
    "tags": ["bittersweet", "electronic"]
    """

    child = serializers.CharField()

    def to_representation(self, tagged_items):
        return sorted(tagged_item.tag.name for tagged_item in tagged_items.all())
