"""An editor writes, fixes and publishes a review in the Wagtail admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from content.models import FilmReviewPage, ReviewIndexPage
from home.models import HomePage
from tests.factories import FilmFactory, make_review
from tests.forms import review_form_data, track_form_value
from tests.servers import IMMEDIATE_TASK_BACKEND


class TestEditorWritesAReview(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = Site.objects.get(is_default_site=True).root_page
        cls.index = home.add_child(instance=ReviewIndexPage(title="Reviews", slug="reviews"))
        cls.film = FilmFactory(title="Her")
        cls.editor = get_user_model().objects.create_user(username="ines", password="secret")
        cls.editor.groups.add(Group.objects.get(name="Moderators"))

    def setUp(self):
        self.client.force_login(self.editor)

    def add_review(self, data, action):
        url = reverse("wagtailadmin_pages:add", args=["content", "filmreviewpage", self.index.pk])
        return self.client.post(url, {**data, action: action})

    def test_every_stored_rating_shows_as_chosen_in_the_edit_form(self):
        """A rating the select did not show would be wiped by the next save."""
        for value, _label in FilmReviewPage._meta.get_field("rating").choices:
            review = make_review(self.index, rating=value)
            stored = FilmReviewPage.objects.get(pk=review.pk).rating

            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))

            self.assertContains(response, f'<option value="{stored}" selected>')

    def test_reviews_live_only_under_a_review_index(self):
        self.assertAllowedParentPageTypes(FilmReviewPage, {ReviewIndexPage})
        self.assertAllowedSubpageTypes(ReviewIndexPage, {FilmReviewPage})
        self.assertAllowedSubpageTypes(HomePage, {ReviewIndexPage})
        self.assertCanNotCreateAt(HomePage, FilmReviewPage)

    def test_editor_publishes_a_review_with_all_three_block_kinds(self):
        body = [
            ("intro", rich_text("<p>Woven into the film.</p>")),
            ("track_commentary", track_form_value("Sleepwalker", duration="3:34")),
            ("track_commentary", track_form_value("Photograph", quote="A pause.")),
            ("conclusion", {"text": rich_text("<p>Bittersweet.</p>"), "verdict": "Hopeful."}),
        ]

        self.assertCanCreate(self.index, FilmReviewPage, review_form_data(self.film, body))

        review = FilmReviewPage.objects.get(slug="her-track-by-track")
        self.assertTrue(review.live)
        self.assertEqual(
            [block.block_type for block in review.body],
            ["intro", "track_commentary", "track_commentary", "conclusion"],
        )
        self.assertEqual(
            [track["title"] for track in review.tracklist], ["Sleepwalker", "Photograph"]
        )
        self.assertEqual(sorted(review.tags.names()), ["ambient", "bittersweet"])
        api = self.client.get(reverse("wagtailapi_v2:pages:detail", args=[review.pk])).json()
        self.assertEqual(api["body"][1]["value"]["duration_seconds"], 214)
        self.assertEqual(api["body"][3]["value"]["verdict"], "Hopeful.")

    def test_misordered_body_gets_clear_errors_and_saves_nothing(self):
        body = [
            ("track_commentary", track_form_value("Sleepwalker")),
            ("conclusion", {"text": rich_text("<p>Too early.</p>"), "verdict": ""}),
            ("intro", rich_text("<p>Too late.</p>")),
            ("track_commentary", track_form_value("Photograph")),
        ]

        response = self.add_review(review_form_data(self.film, body), "action-publish")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "The page could not be created due to validation errors")
        self.assertContains(response, "Start the review with exactly one intro block.")
        self.assertContains(response, "Move the conclusion to the end of the review.")
        self.assertFalse(FilmReviewPage.objects.exists())

    def test_repeated_track_title_is_pointed_out_on_its_block(self):
        body = [
            ("intro", rich_text("<p>Intro.</p>")),
            ("track_commentary", track_form_value("Photograph")),
            ("track_commentary", track_form_value("photograph")),
        ]

        response = self.add_review(review_form_data(self.film, body), "action-publish")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This track already has a commentary in this review.")
        self.assertFalse(FilmReviewPage.objects.exists())

    def test_invalid_rating_and_duration_get_validation_messages(self):
        body = [
            ("intro", rich_text("<p>Intro.</p>")),
            ("track_commentary", track_form_value("Photograph", duration="three minutes")),
        ]

        response = self.add_review(review_form_data(self.film, body, rating="7"), "action-publish")

        self.assertContains(
            response, "Select a valid choice. 7 is not one of the available choices."
        )
        self.assertContains(response, "Enter the duration as minutes:seconds, for example 4:05")
        self.assertFalse(FilmReviewPage.objects.exists())

    def test_draft_stays_out_of_the_api_until_the_editor_publishes_it(self):
        body = [
            ("intro", rich_text("<p>Intro.</p>")),
            ("track_commentary", track_form_value("Dimensions")),
        ]
        data = review_form_data(self.film, body)

        self.add_review(data, "action-save-draft")
        review = FilmReviewPage.objects.get(slug="her-track-by-track")
        listing_url = reverse("wagtailapi_v2:pages:listing")
        self.assertFalse(review.live)
        self.assertEqual(
            self.client.get(listing_url, {"type": "content.FilmReviewPage"}).json()["items"], []
        )

        edit_url = reverse("wagtailadmin_pages:edit", args=[review.pk])
        response = self.client.post(edit_url, {**data, "action-publish": "action-publish"})

        self.assertEqual(response.status_code, 302)
        items = self.client.get(listing_url, {"type": "content.FilmReviewPage"}).json()["items"]
        self.assertEqual([item["title"] for item in items], ["Her, track by track"])

    def test_review_listing_shows_film_and_rating(self):
        self.assertCanCreate(
            self.index,
            FilmReviewPage,
            review_form_data(
                self.film,
                [
                    ("intro", rich_text("<p>Intro.</p>")),
                    ("track_commentary", track_form_value("A")),
                ],
            ),
        )

        response = self.client.get(reverse("film_reviews:index"))

        self.assertContains(response, "Her, track by track")
        self.assertContains(response, str(self.film))
        self.assertContains(response, "4.5 / 5")

    def test_block_picker_previews_each_block_as_a_reader_sees_it(self):
        expected = {
            "intro": "Few scores are woven into their film",
            "track_commentary": "Sleepwalker",
            "conclusion": "Bittersweet, and now and then hopeful.",
        }
        for block_name, text in expected.items():
            block = FilmReviewPage.body.field.stream_block.child_blocks[block_name]
            self.assertTrue(block.is_previewable, block_name)
            self.assertTrue(block.get_description(), block_name)
            response = self.client.get(
                reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
            )
            self.assertContains(response, text)


# The film listing's search reads the index that tasks write.
@override_settings(TASKS={"default": {"BACKEND": IMMEDIATE_TASK_BACKEND}})
class TestSnippetAdmin(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.superuser = get_user_model().objects.create_superuser(username="admin", password="x")
        FilmFactory(title="Her", release_year=2013, composers=["Arcade Fire"])
        FilmFactory(title="Arrival", release_year=2016, composers=["Jóhann Jóhannsson"])

    def setUp(self):
        self.client.force_login(self.superuser)

    def test_film_listing_shows_composers_and_is_searchable_and_filterable(self):
        url = reverse("wagtailsnippets_content_film:list")

        listing = self.client.get(url)
        searched = self.client.get(url, {"q": "Arrival"})
        filtered = self.client.get(url, {"release_year": "2013"})

        self.assertContains(listing, "Arcade Fire")
        self.assertContains(searched, "Arrival (2016)")
        self.assertNotContains(searched, "Her (2013)")
        self.assertContains(filtered, "Her (2013)")
        self.assertNotContains(filtered, "Arrival (2016)")

    def test_film_needs_a_director_and_a_composer(self):
        url = reverse("wagtailsnippets_content_film:add")
        data = nested_form_data(
            {
                "title": "Untitled",
                "release_year": "1887",
                "directors": inline_formset([]),
                "composers": inline_formset([]),
                "cast": inline_formset([]),
                "poster": "",
                "imdb_id": "1798709",
                "tmdb_id": "",
                "musicbrainz_id": "",
            }
        )

        response = self.client.post(url, data)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ensure this value is greater than or equal to 1888.")
        self.assertContains(response, "An IMDb id looks like tt1798709.")
        self.assertContains(response, "Please submit at least 1 form.")
