"""Moderators rename, merge and delete tags in the admin; the API follows at once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from content.models import FilmReviewPage
from tests.factories import ImageFactory, make_review

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


@pytest.fixture
def moderator(db):
    call_command("set_up_roles", stdout=None)
    user = get_user_model().objects.create_user(username="mo", password="x")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def reviews(review_index):
    return [
        make_review(review_index, title="Her", slug="her", tags=["melancholy", "ambient"]),
        make_review(review_index, title="Arrival", slug="arrival", tags=["Sad"]),
    ]


def tags_of(client, title):
    items = client.get(LISTING_URL, {"type": "content.FilmReviewPage", "fields": "tags"}).json()
    return {item["title"]: sorted(item["tags"]) for item in items["items"]}[title]


def titles_tagged(client, tag):
    response = client.get(LISTING_URL, {"type": "content.FilmReviewPage", "tag": tag})
    return sorted(item["title"] for item in response.json()["items"])


def edit(client, tag, name):
    url = reverse("wagtailsnippets_taggit_tag:edit", args=[tag.pk])
    return client.post(url, {"name": name})


def test_renaming_a_tag_renames_it_on_every_review(client, moderator, reviews):
    assert titles_tagged(client, "melancholy") == ["Her"]
    client.force_login(moderator)

    response = edit(client, Tag.objects.get(name="melancholy"), "wistful")

    assert response.status_code == 302
    assert tags_of(client, "Her") == ["ambient", "wistful"]
    assert titles_tagged(client, "wistful") == ["Her"]
    assert titles_tagged(client, "melancholy") == []


def test_giving_a_tag_another_tags_name_merges_them(client, moderator, reviews):
    assert titles_tagged(client, "sad") == ["Arrival"]
    client.force_login(moderator)

    response = edit(client, Tag.objects.get(name="melancholy"), "sad")

    assert response.status_code == 302
    assert not Tag.objects.filter(name="melancholy").exists()
    assert titles_tagged(client, "Sad") == ["Arrival", "Her"]
    assert tags_of(client, "Her") == ["Sad", "ambient"]
    assert FilmReviewPage.objects.get(slug="her").tags.count() == 2


def test_merging_keeps_one_tag_on_a_review_that_had_both(client, moderator, reviews):
    client.force_login(moderator)

    edit(client, Tag.objects.get(name="ambient"), "melancholy")

    assert tags_of(client, "Her") == ["melancholy"]


def test_deleting_a_tag_removes_it_from_its_reviews(client, moderator, reviews):
    assert titles_tagged(client, "ambient") == ["Her"]
    client.force_login(moderator)
    tag = Tag.objects.get(name="ambient")

    response = client.post(reverse("wagtailsnippets_taggit_tag:delete", args=[tag.pk]))

    assert response.status_code == 302
    assert tags_of(client, "Her") == ["melancholy"]
    assert titles_tagged(client, "ambient") == []
    assert FilmReviewPage.objects.get(slug="her").live


def test_merging_moves_the_tag_on_images_and_drafts_too(client, moderator, reviews):
    image = ImageFactory()
    image.tags.add("melancholy")
    her = FilmReviewPage.objects.get(slug="her")
    her.tags.set(["melancholy", "nocturne"])
    her.save_revision()
    client.force_login(moderator)

    edit(client, Tag.objects.get(name="melancholy"), "sad")

    assert sorted(image.tags.names()) == ["Sad"]
    draft = FilmReviewPage.objects.get(slug="her").get_latest_revision_as_object()
    assert sorted(draft.tags.names()) == ["Sad", "nocturne"]


def test_saving_a_tag_unchanged_merges_nothing(client, moderator, reviews):
    Tag.objects.create(name="SAD")
    client.force_login(moderator)

    response = edit(client, Tag.objects.get(name="Sad"), "Sad")

    assert response.status_code == 302
    assert sorted(Tag.objects.filter(name__iexact="sad").values_list("name", flat=True)) == [
        "SAD",
        "Sad",
    ]
