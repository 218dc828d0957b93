"""Form data for the admin's review editor, as an editor's browser would post it."""

from django.urls import reverse
from wagtail.models import Revision, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import FilmReviewPage, ReviewIndexPage
from tests.factories import FilmFactory


def track_form_value(title, **fields):
    return {
        "track_title": title,
        "track_number": "",
        "artists": {"count": 0},
        "duration": "",
        "scene": "",
        "commentary": rich_text(f"<p>On {title}.</p>"),
        "quote": "",
        "listening_link": "",
        **fields,
    }


def review_form_data(film, body, **fields):
    return nested_form_data(
        {
            "title": "Her, track by track",
            "slug": "her-track-by-track",
            "film": film.pk,
            "reviewer": "",
            "teaser": "A score that lifts its film.",
            "rating": "4.5",
            "tags": "bittersweet, ambient",
            "hero_image": "",
            "album_title": "Her (Original Score)",
            "album_label": "",
            "album_release_year": "",
            "body": streamfield(body),
            "comments": inline_formset([]),
            **fields,
        }
    )


class ReviewEditorTestCase(WagtailPageTestCase):
    """A superuser adding a review under a review index, through the admin's editor."""

    @classmethod
    def setUpTestData(cls):
        home = Site.objects.get(is_default_site=True).root_page
        cls.index = home.add_child(instance=ReviewIndexPage(title="Reviews", slug="reviews"))
        cls.film = FilmFactory(title="Her")
        cls.superuser = cls.create_superuser("admin")

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=["content", "filmreviewpage", self.index.pk])

    def publish_new_review(self, body, **fields):
        """Posts the editor's form with "Publish"; returns the response."""
        self.client.force_login(self.superuser)
        data = review_form_data(self.film, body, **fields)
        return self.client.post(self.add_url(), {**data, "action-publish": "publish"})

    def assert_refused_and_nothing_saved(self, response, message):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertFalse(FilmReviewPage.objects.exists())
        self.assertFalse(Revision.objects.exists())
