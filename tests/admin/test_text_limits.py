"""Oversized text and text that no database can store are refused in the admin, with a
message, and nothing saved; text at the limit is kept."""

from wagtail.test.utils.form_data import rich_text

from content.blocks import REVIEW_TEXT_MAX_LENGTH
from content.models import FilmReviewPage
from tests.forms import ReviewEditorTestCase, track_form_value

TRACK = ("track_commentary", track_form_value("One"))


def intro(text):
    return ("intro", rich_text(f"<p>{text}</p>"))


class TestTextLimits(ReviewEditorTestCase):
    def test_prose_at_the_limit_is_kept(self):
        response = self.publish_new_review([intro("a" * REVIEW_TEXT_MAX_LENGTH), TRACK])

        self.assertEqual(response.status_code, 302)
        review = FilmReviewPage.objects.get()
        self.assertIn("a" * REVIEW_TEXT_MAX_LENGTH, review.body[0].value.source)

    def test_prose_over_the_limit_is_refused(self):
        response = self.publish_new_review([intro("a" * (REVIEW_TEXT_MAX_LENGTH + 1)), TRACK])

        self.assert_refused_and_nothing_saved(
            response, f"Ensure this value has at most {REVIEW_TEXT_MAX_LENGTH} characters"
        )

    def test_a_megabyte_of_commentary_is_refused(self):
        track = track_form_value("One", commentary=rich_text("<p>" + "la " * 350_000 + "</p>"))

        response = self.publish_new_review([intro("Intro."), ("track_commentary", track)])

        self.assert_refused_and_nothing_saved(response, "Ensure this value has at most")

    def test_a_lone_surrogate_in_prose_is_refused(self):
        # The editor posts rich text as JSON, whose \ud800 escape decodes to a character
        # that UTF-8 cannot encode: saving it failed with a server error.
        response = self.publish_new_review([intro("Half a pair: \ud800."), TRACK])

        self.assert_refused_and_nothing_saved(response, "not valid Unicode")

    def test_a_null_character_in_prose_is_refused(self):
        response = self.publish_new_review([intro("Null\x00byte"), TRACK])

        self.assert_refused_and_nothing_saved(response, "Null characters are not allowed.")

    def test_a_null_character_in_the_headline_is_refused(self):
        response = self.publish_new_review([intro("Intro."), TRACK], title="Her\x00")

        self.assert_refused_and_nothing_saved(response, "Null characters are not allowed.")

    def test_an_oversized_teaser_is_refused(self):
        response = self.publish_new_review([intro("Intro."), TRACK], teaser="x" * 301)

        self.assert_refused_and_nothing_saved(
            response, "Ensure this value has at most 300 characters"
        )


class TestTooLargeAPost(ReviewEditorTestCase):
    def test_a_post_with_more_fields_than_the_server_reads_says_what_happened(self):
        self.client.force_login(self.superuser)
        fields = {f"body-{number}-value": "x" for number in range(20_000)}

        response = self.client.post(self.add_url(), fields)

        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "too large to take at once", status_code=400)
