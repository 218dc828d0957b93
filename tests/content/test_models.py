"""The review page types: what they hold, compute and index."""

from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from content.models import FilmReviewPage
from content.snippets import FilmComposer
from tests.factories import intro, make_review, track


def test_reading_time_counts_every_word_of_the_body(review_index):
    long_review = make_review(
        review_index, body=[intro("<p>" + "word " * 700 + "</p>"), track("One")]
    )
    assert long_review.reading_time_minutes == 4


def test_home_page_is_the_site_root(home_page):
    assert Page.objects.get(depth=2).specific == home_page


def test_no_model_change_lacks_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_api_filters_and_orderings_have_database_indexes(db):
    def indexes(model):
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
        return {name: spec["columns"] for name, spec in constraints.items() if spec["index"]}

    assert indexes(FilmReviewPage)["review_rating_idx"] == ["rating"]
    assert "film_composer_name_upper_idx" in indexes(FilmComposer)
    assert any(columns == ["first_published_at"] for columns in indexes(Page).values())
