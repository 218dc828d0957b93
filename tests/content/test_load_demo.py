from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Page, Revision

from content.models import FilmReviewPage
from content.snippets import Film, Reviewer
from tests.factories import HER_TRACKS


def load_demo():
    output = StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def content_counts():
    return {
        model.__name__: model.objects.count()
        for model in [Page, Revision, Film, Reviewer, Image, get_user_model()]
    }


@pytest.fixture
def demo(db):
    return load_demo()


def test_demo_serves_the_her_review_intro_first_six_tracks_conclusion_last(client, demo):
    response = client.get(
        reverse("wagtailapi_v2:pages:listing"), {"type": "content.FilmReviewPage", "fields": "*"}
    )
    reviews = {item["film"]["title"]: item for item in response.json()["items"]}
    her = reviews["Her"]

    assert [block["type"] for block in her["body"]] == (
        ["intro"] + ["track_commentary"] * 6 + ["conclusion"]
    )
    assert [track["title"] for track in her["tracklist"]] == HER_TRACKS
    assert her["film"]["composers"] == ["Arcade Fire", "Owen Pallett"]
    assert her["film"]["directors"] == ["Spike Jonze"]
    assert her["body"][0]["value"].count("<p>") == 3
    assert len(reviews) >= 3


def test_every_demo_review_has_the_three_part_shape(demo):
    for review in FilmReviewPage.objects.live():
        block_types = [block.block_type for block in review.body]
        assert block_types[0] == "intro"
        assert block_types[-1] == "conclusion"
        assert "track_commentary" in block_types
        review.body.stream_block.clean(review.body)


def test_second_run_changes_nothing(client, demo):
    counts = content_counts()
    listing = client.get(
        reverse("wagtailapi_v2:pages:listing"), {"type": "content.FilmReviewPage", "fields": "*"}
    ).json()

    output = load_demo()

    assert content_counts() == counts
    assert "created" not in output
    assert (
        client.get(
            reverse("wagtailapi_v2:pages:listing"),
            {"type": "content.FilmReviewPage", "fields": "*"},
        ).json()
        == listing
    )


def test_demo_editor_can_log_in_to_the_admin(client, demo):
    assert "Log in at http://127.0.0.1:8000/admin/ as 'editor'" in demo

    assert client.login(username="editor", password="liner-notes-demo")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailsnippets_content_film:list")).status_code == 200


def test_demo_editor_credentials_come_from_the_environment(client, db, settings):
    settings.DEMO_EDITOR_USERNAME = "casey"
    settings.DEMO_EDITOR_PASSWORD = "another-secret-phrase"

    output = load_demo()

    assert "as 'casey', 'moderator' or 'admin' with password 'another-secret-phrase'" in output
    assert client.login(username="casey", password="another-secret-phrase")


def test_demo_editor_opens_a_review_and_a_film_in_the_admin(client, demo):
    review = FilmReviewPage.objects.get(slug="her-arcade-fire-owen-pallett")
    client.login(username="editor", password="liner-notes-demo")

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
    film = client.get(reverse("wagtailsnippets_content_film:edit", args=[review.film_id]))
    listing = client.get(reverse("film_reviews:index"))

    assert edit.status_code == 200
    assert "Loneliness #3 (Night Talking)" in edit.content.decode()
    assert "Headline" in edit.content.decode()
    assert "The review&#x27;s headline, as readers see it" in edit.content.decode()
    assert "The page title as you" not in edit.content.decode()
    assert film.status_code == 200
    assert "Owen Pallett" in film.content.decode()
    assert "4.5 / 5" in listing.content.decode()


def test_settings_for_production_refuse_the_demo_unless_forced(db, settings):
    settings.DEMO_CONTENT_ALLOWED = False

    with pytest.raises(CommandError, match="use --force to load them anyway"):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()

    call_command("load_demo", "--force", stdout=StringIO())
    assert FilmReviewPage.objects.count() == 3
    assert not get_user_model().objects.filter(is_superuser=True).exists()
