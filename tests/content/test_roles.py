"""The demo's accounts, one per role: what each may do in the admin."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from content.models import FilmReviewPage
from content.snippets import Film, Reviewer
from tests.factories import FilmFactory, ImageFactory, ReviewerFactory

PASSWORD = "liner-notes-demo"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def her(demo):
    return FilmReviewPage.objects.get(slug="her-arcade-fire-owen-pallett")


@pytest.mark.parametrize("username", ["editor", "moderator", "admin"])
def test_every_role_deletes_an_unused_film_reviewer_and_image(client, demo, username):
    film, reviewer, image = FilmFactory(title="Unused"), ReviewerFactory(), ImageFactory()
    client.login(username=username, password=PASSWORD)

    for url in (
        reverse("wagtailsnippets_content_film:delete", args=[film.pk]),
        reverse("wagtailsnippets_content_reviewer:delete", args=[reviewer.pk]),
        reverse("wagtailimages:delete", args=[image.pk]),
    ):
        assert client.post(url).status_code == 302, url

    assert not Film.objects.filter(pk=film.pk).exists()
    assert not Reviewer.objects.filter(pk=reviewer.pk).exists()
    assert not type(image).objects.filter(pk=image.pk).exists()


def test_an_editor_submits_for_moderation_but_does_not_publish(client, her):
    client.login(username="editor", password=PASSWORD)

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[her.pk])).content.decode()

    assert "action-submit" in edit
    assert 'name="action-publish"' not in edit


def test_a_moderator_publishes_and_manages_tags(client, her):
    client.login(username="moderator", password=PASSWORD)

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[her.pk])).content.decode()
    tags = client.get(reverse("wagtailsnippets_taggit_tag:list"))

    assert 'name="action-publish"' in edit
    assert tags.status_code == 200


def test_an_editor_does_not_manage_tags(client, demo):
    client.login(username="editor", password=PASSWORD)
    tag = Tag.objects.first()

    response = client.get(reverse("wagtailsnippets_taggit_tag:edit", args=[tag.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_home"))


def test_the_admin_account_administers_users(client, demo):
    client.login(username="admin", password=PASSWORD)

    assert client.get(reverse("wagtailusers_users:index")).status_code == 200


def test_setting_up_the_roles_again_changes_nothing(demo):
    from django.contrib.auth.models import Group

    before = {group.name: set(group.permissions.all()) for group in Group.objects.all()}
    call_command("load_demo", stdout=StringIO())

    assert {group.name: set(group.permissions.all()) for group in Group.objects.all()} == before
