"""A review in progress saves as a draft in any state; publishing asks for the whole."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from content.models import FilmReviewPage, ReviewIndexPage
from tests.factories import FilmFactory, intro, make_review
from tests.forms import review_form_data, track_form_value

LONG_INTRO = "<p>" + "A long intro, written over an afternoon. " * 40 + "</p>"


class TestDrafts(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = Site.objects.get(is_default_site=True).root_page
        cls.index = home.add_child(instance=ReviewIndexPage(title="Reviews", slug="reviews"))
        cls.film = FilmFactory(title="Her")
        cls.editor = get_user_model().objects.create_user(username="ines", password="secret")
        cls.editor.groups.add(Group.objects.get(name="Moderators"))

    def setUp(self):
        self.client.force_login(self.editor)

    def add(self, data, action, **headers):
        url = reverse("wagtailadmin_pages:add", args=["content", "filmreviewpage", self.index.pk])
        return self.client.post(url, {**data, action: action}, follow=True, **headers)

    def intro_only(self, **fields):
        return review_form_data(self.film, [("intro", rich_text(LONG_INTRO))], **fields)

    def test_a_review_with_only_an_intro_saves_as_a_draft_that_says_what_it_lacks(self):
        response = self.add(self.intro_only(teaser="") | {"film": ""}, "action-save-draft")

        review = FilmReviewPage.objects.get(slug="her-track-by-track")
        self.assertFalse(review.live)
        self.assertIn(
            "written over an afternoon", review.get_latest_revision_as_object().body[0].value.source
        )
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(len(messages), 2, messages)
        self.assertIn("Before it can be published or submitted", messages[1])
        for lack in (
            "Film: this field is required.",
            "Teaser: this field is required.",
            "Add at least one track commentary.",
        ):
            self.assertIn(lack, messages[1])

    def test_a_draft_may_hold_empty_blocks_and_blocks_out_of_order(self):
        body = [
            ("track_commentary", track_form_value("", commentary=rich_text(""))),
            ("conclusion", {"text": rich_text("<p></p>"), "verdict": ""}),
            ("intro", rich_text("<p>Too late.</p>")),
            ("track_commentary", track_form_value("Photograph")),
            ("track_commentary", track_form_value("photograph")),
            (
                "track_commentary",
                track_form_value(
                    "Dimensions",
                    artists={
                        "count": 1,
                        "0-value": "",
                        "0-deleted": "",
                        "0-order": "0",
                        "0-id": "",
                    },
                ),
            ),
        ]

        response = self.add(review_form_data(self.film, body), "action-save-draft")

        self.assertTrue(FilmReviewPage.objects.filter(live=False).exists())
        warning = str(list(response.context["messages"])[-1])
        self.assertIn("Start the review with exactly one intro block.", warning)
        self.assertIn("Move the conclusion to the end of the review.", warning)
        self.assertIn("Conclusion: text: Write some text here", warning)
        self.assertIn(
            "Track commentary “photograph”: track title: This track already has a commentary",
            warning,
        )
        self.assertIn(
            "Track commentary “Dimensions”: artists: item 1: This field is required.", warning
        )

    def test_publishing_or_submitting_an_incomplete_review_is_refused(self):
        for action in ("action-publish", "action-submit"):
            response = self.add(self.intro_only(), action)

            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "Add at least one track commentary.")
            self.assertFalse(FilmReviewPage.objects.exists())

    def test_a_draft_without_a_film_cannot_be_published(self):
        body = [("intro", rich_text("<p>Intro.</p>")), ("track_commentary", track_form_value("A"))]
        data = review_form_data(self.film, body) | {"film": ""}
        self.add(data, "action-save-draft")
        review = FilmReviewPage.objects.get()

        edit_url = reverse("wagtailadmin_pages:edit", args=[review.pk])
        response = self.client.post(edit_url, {**data, "action-publish": "action-publish"})

        self.assertContains(response, "This field is required.")
        self.assertFalse(FilmReviewPage.objects.get().live)

    def test_autosave_keeps_an_incomplete_draft(self):
        self.add(self.intro_only(), "action-save-draft")
        review = FilmReviewPage.objects.get()
        edit_url = reverse("wagtailadmin_pages:edit", args=[review.pk])
        data = self.intro_only(teaser="Still thinking about it.")

        response = self.client.post(
            edit_url, {**data, "action-save-draft": "1"}, headers={"Accept": "application/json"}
        )

        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["success"], response.json())
        latest = FilmReviewPage.objects.get().get_latest_revision_as_object()
        self.assertEqual(latest.teaser, "Still thinking about it.")

    def test_a_complete_draft_gets_no_warning(self):
        body = [("intro", rich_text("<p>Intro.</p>")), ("track_commentary", track_form_value("A"))]

        response = self.add(review_form_data(self.film, body), "action-save-draft")

        self.assertEqual(len(list(response.context["messages"])), 1)


def test_bulk_publishing_refuses_an_incomplete_draft_and_publishes_nothing(
    admin_client, review_index
):
    complete = make_review(review_index, title="Complete", slug="complete", publish=False)
    incomplete = make_review(review_index, title="Incomplete", slug="incomplete", publish=False)
    incomplete = FilmReviewPage.objects.get(pk=incomplete.pk)
    incomplete.film = None
    incomplete.body = [intro()]
    incomplete.save_revision(clean=False)  # as the admin saves a draft
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = admin_client.post(
        f"{url}?id={complete.pk}&id={incomplete.pk}", {"include_descendants": ""}, follow=True
    )

    message = str(list(response.context["messages"])[-1])
    assert "Nothing was published" in message
    assert "Incomplete" in message and "Add at least one track commentary." in message
    assert not FilmReviewPage.objects.filter(live=True).exists()
