"""The response cache's tags follow what the API shows, as the page types declare it."""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from api.cache.tags import list_tag, object_tag, object_tags, tracked_models
from content.models import FilmReviewPage, FilmReviewPageTag, ReviewIndexPage
from content.snippets import Film, FilmCastMember, FilmComposer, FilmDirector, Reviewer
from home.models import HomePage
from tests.factories import FilmFactory, make_review


def test_the_cache_tracks_the_page_types_and_what_their_api_fields_point_at():
    tracked = set(tracked_models())

    assert {FilmReviewPage, ReviewIndexPage, HomePage, Film, Reviewer} <= tracked
    assert {FilmDirector, FilmComposer, FilmCastMember} <= tracked  # parts of a film
    assert {get_image_model(), get_document_model()} <= tracked
    # Tags are saved with the review, which is tracked.
    assert FilmReviewPageTag not in tracked


def test_a_row_that_is_part_of_a_film_is_tagged_as_the_film(db):
    film = FilmFactory(composers=["Mica Levi"])

    composer = film.composers.get()

    assert object_tag(composer) == f"film:{film.pk}"
    assert object_tags(composer) == [f"film:{film.pk}", "film:list"]
    assert list_tag(FilmComposer) == list_tag(Film) == "film:list"


def test_every_page_type_is_tagged_as_a_page(review_index):
    review = make_review(review_index)

    assert object_tags(review) == [f"page:{review.pk}", "page:list"]
    assert object_tag(review_index) == f"page:{review_index.pk}"
