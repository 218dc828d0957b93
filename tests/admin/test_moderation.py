"""Writers without publish permission submit reviews to Wagtail's moderation workflow."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from content.models import FilmReviewPage, ReviewIndexPage
from tests.factories import FilmFactory
from tests.forms import review_form_data, track_form_value

BODY = [
    ("intro", rich_text("<p>Woven into the film.</p>")),
    ("track_commentary", track_form_value("Sleepwalker")),
]


class TestModeration(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = Site.objects.get(is_default_site=True).root_page
        cls.index = home.add_child(instance=ReviewIndexPage(title="Reviews", slug="reviews"))
        cls.index.save_revision().publish()
        cls.film = FilmFactory(title="Her")
        users = get_user_model().objects
        # Wagtail's own groups: Editors add and edit pages; Moderators also publish.
        cls.writer = users.create_user(username="writer", password="secret")
        cls.writer.groups.add(Group.objects.get(name="Editors"))
        cls.moderator = users.create_user(username="moderator", password="secret")
        cls.moderator.groups.add(Group.objects.get(name="Moderators"))

    def write_review(self, action):
        self.client.force_login(self.writer)
        url = reverse("wagtailadmin_pages:add", args=["content", "filmreviewpage", self.index.pk])
        self.client.post(url, {**review_form_data(self.film, BODY), action: action})
        return FilmReviewPage.objects.get(slug="her-track-by-track")

    def assert_not_public(self, review):
        review.refresh_from_db()
        self.assertFalse(review.live)
        detail = self.client.get(reverse("wagtailapi_v2:pages:detail", args=[review.pk]))
        self.assertEqual(detail.status_code, 404)

    def test_a_writer_submits_a_review_for_moderation(self):
        review = self.write_review("action-submit")

        self.assertEqual(review.current_workflow_state.status, "in_progress")
        self.assertEqual(review.current_workflow_task.name, "Moderators approval")
        self.assert_not_public(review)

    def test_a_writer_cannot_publish(self):
        review = self.write_review("action-publish")

        self.assertFalse(review.permissions_for_user(self.writer).can_publish())
        self.assert_not_public(review)

    def test_a_moderator_approves_and_the_review_goes_live(self):
        review = self.write_review("action-submit")
        task_state = review.current_workflow_state.current_task_state

        self.client.force_login(self.moderator)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[review.pk, "approve", task_state.pk]
        )
        self.client.post(url, {"comment": "Good to go."})

        review.refresh_from_db()
        self.assertTrue(review.live)
        detail = self.client.get(reverse("wagtailapi_v2:pages:detail", args=[review.pk]))
        self.assertEqual(detail.json()["title"], "Her, track by track")
