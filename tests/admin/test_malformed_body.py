"""A review body that is malformed is refused as a whole, with a message, and nothing saved."""

from wagtail.test.utils.form_data import rich_text

from tests.forms import ReviewEditorTestCase, review_form_data, track_form_value

INTRO = ("intro", rich_text("<p>Intro.</p>"))


class TestMalformedBody(ReviewEditorTestCase):
    def test_an_unknown_block_type_is_refused(self):
        response = self.publish_new_review(
            [INTRO, ("track_commentary", track_form_value("One")), ("evil", "x")]
        )

        self.assert_refused_and_nothing_saved(response, "blocks of an unknown type (evil)")

    def test_unreadable_stream_data_is_refused(self):
        self.client.force_login(self.superuser)
        data = review_form_data(self.film, [INTRO, ("track_commentary", track_form_value("One"))])

        response = self.client.post(
            self.add_url(), {**data, "body-count": "lots", "action-publish": "1"}
        )

        self.assert_refused_and_nothing_saved(response, "could not be created")

    def test_a_missing_required_field_is_refused(self):
        response = self.publish_new_review(
            [INTRO, ("track_commentary", track_form_value("One", track_title=""))]
        )

        self.assert_refused_and_nothing_saved(response, "This field is required.")

    def test_a_wrong_value_type_is_refused(self):
        response = self.publish_new_review(
            [INTRO, ("track_commentary", track_form_value("One", track_number="three"))]
        )

        self.assert_refused_and_nothing_saved(response, "Enter a whole number.")
