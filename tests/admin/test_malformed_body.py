"""A review body that is malformed is refused as a whole, with a message, and nothing saved."""

from django.urls import reverse
from wagtail.models import Revision, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from content.models import FilmReviewPage, ReviewIndexPage
from tests.factories import FilmFactory
from tests.forms import review_form_data, track_form_value

INTRO = ("intro", rich_text("<p>Intro.</p>"))


class TestMalformedBody(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = Site.objects.get(is_default_site=True).root_page
        cls.index = home.add_child(instance=ReviewIndexPage(title="Reviews", slug="reviews"))
        cls.film = FilmFactory(title="Her")
        cls.superuser = cls.create_superuser("admin")

    def post(self, body):
        self.client.force_login(self.superuser)
        url = reverse("wagtailadmin_pages:add", args=["content", "filmreviewpage", self.index.pk])
        data = review_form_data(self.film, body)
        return self.client.post(url, {**data, "action-publish": "publish"})

    def assert_refused_and_nothing_saved(self, response, message):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertFalse(FilmReviewPage.objects.exists())
        self.assertFalse(Revision.objects.exists())

    def test_an_unknown_block_type_is_refused(self):
        response = self.post([INTRO, ("track_commentary", track_form_value("One")), ("evil", "x")])

        self.assert_refused_and_nothing_saved(response, "blocks of an unknown type (evil)")

    def test_unreadable_stream_data_is_refused(self):
        self.client.force_login(self.superuser)
        url = reverse("wagtailadmin_pages:add", args=["content", "filmreviewpage", self.index.pk])
        data = review_form_data(self.film, [INTRO, ("track_commentary", track_form_value("One"))])

        response = self.client.post(url, {**data, "body-count": "lots", "action-publish": "1"})

        self.assert_refused_and_nothing_saved(response, "could not be created")

    def test_a_missing_required_field_is_refused(self):
        response = self.post([INTRO, ("track_commentary", track_form_value("One", track_title=""))])

        self.assert_refused_and_nothing_saved(response, "This field is required.")

    def test_a_wrong_value_type_is_refused(self):
        response = self.post(
            [INTRO, ("track_commentary", track_form_value("One", track_number="three"))]
        )

        self.assert_refused_and_nothing_saved(response, "Enter a whole number.")
