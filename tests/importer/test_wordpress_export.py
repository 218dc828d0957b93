"""A WordPress export: posts become reviews with their tags, images, replies and old
addresses; importing it again creates nothing; a bad file changes nothing."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect

from content.models import FilmReviewPage
from replies.models import Reply
from tests.factories import FilmFactory, png_file
from tests.importer.wxr import HER_POST, MOON_POST, export, item, wordpress_export


@pytest.fixture
def export_file(tmp_path):
    path = tmp_path / "scores.xml"
    path.write_text(wordpress_export(), encoding="utf-8")
    return path


@pytest.fixture
def media_dir(tmp_path):
    uploads = tmp_path / "uploads" / "2014" / "02"
    uploads.mkdir(parents=True)
    (uploads / "her.png").write_bytes(png_file().file.getvalue())
    return tmp_path / "uploads"


def run(*args):
    out = StringIO()
    call_command("import_reviews", *map(str, args), stdout=out)
    return out.getvalue()


def test_posts_become_reviews_with_tags_images_replies_and_redirects(
    client, review_index, export_file, media_dir
):
    FilmFactory(title="Her", release_year=2013)

    output = run(export_file, "--media-dir", media_dir)

    her = FilmReviewPage.objects.get(title="“Her” Soundtrack Review: warm static")
    moon = FilmReviewPage.objects.get(title="Review: Moon (2009)")
    assert "Not reviews, skipped: 1 attachment, 1 page." in output
    assert [track["title"] for track in her.tracklist] == ["Sleepwalker", "Photograph"]
    assert "<i>woven</i>" in her.body[0].value.source
    assert sorted(her.tags.names()) == ["Scores", "melancholy"]
    assert her.hero_image.title == "2014/02/her.png"
    assert (her.live, moon.live) == (False, False)
    assert moon.film.title == "Moon" and moon.film.release_year == 2009
    replies = {reply.name: reply for reply in Reply.objects.filter(page=her)}
    assert replies["Maya"].body == "Lovely review.\n\nSecond thought."
    assert replies["Maya"].email == "maya@example.com"
    assert replies["Maya"].website == "https://maya.example"
    assert replies["Scores at Night"].parent == replies["Maya"]
    assert replies["Tomasz"].parent == replies["Maya"]  # one level deep
    assert {name: reply.status for name, reply in replies.items()} == {
        "Maya": "approved",
        "Scores at Night": "approved",
        "Tomasz": "approved",
        "Jo": "pending",
        "Cheap Pills": "spam",
    }
    assert (
        Redirect.objects.get(old_path="/2014/02/her-soundtrack-review").redirect_page_id == her.pk
    )


def test_importing_the_export_again_creates_nothing(review_index, export_file, media_dir):
    run(export_file, "--media-dir", media_dir)
    counts = FilmReviewPage.objects.count(), Reply.objects.count(), Redirect.objects.count()

    output = run(export_file, "--media-dir", media_dir)

    assert [line.split()[0] for line in output.splitlines() if "#" in line] == ["skipped"] * 2
    assert (
        FilmReviewPage.objects.count(),
        Reply.objects.count(),
        Redirect.objects.count(),
    ) == counts


def test_a_changed_post_updates_its_draft_unless_an_editor_changed_it(
    review_index, export_file, tmp_path
):
    FilmFactory(title="Her", release_year=2013)
    run(export_file)
    her = FilmReviewPage.objects.get(title__startswith="“Her”")
    changed = tmp_path / "changed.xml"
    changed.write_text(wordpress_export(HER_POST.replace("is brief", "is short")))

    updated = run(changed)
    her.refresh_from_db()
    her.get_latest_revision_as_object().save_revision()  # an editor saves, changing nothing
    changed.write_text(wordpress_export(HER_POST.replace("is brief", "is fleeting")))
    updated_again = run(changed)
    draft = FilmReviewPage.objects.get(pk=her.pk).get_latest_revision_as_object()
    draft.teaser = "The editor's own teaser."
    draft.save_revision()  # an editor's change
    changed.write_text(wordpress_export(HER_POST.replace("is brief", "is gone")))
    kept = run(changed)

    assert updated.startswith("updated") and updated_again.startswith("updated")
    assert "an editor has changed the draft since it was imported" in kept
    latest = FilmReviewPage.objects.get(pk=her.pk).get_latest_revision_as_object()
    assert latest.teaser == "The editor's own teaser."
    assert "is fleeting" in latest.body[2].value["commentary"].source


def test_publish_publishes_what_wordpress_had_published_with_its_date(
    client, review_index, export_file
):
    FilmFactory(title="Her", release_year=2013)

    run(export_file, "--publish")

    her = FilmReviewPage.objects.get(title__startswith="“Her”")
    moon = FilmReviewPage.objects.get(title__startswith="Review: Moon")
    assert her.live and not moon.live
    assert her.first_published_at.isoformat() == "2014-02-01T09:30:00+00:00"
    found = client.get(
        "/api/v2/pages/find/", {"html_path": "/2014/02/her-soundtrack-review/"}, follow=True
    )
    assert found.json()["id"] == her.pk


def test_publish_leaves_an_editors_changed_draft_to_the_editor(review_index, export_file):
    FilmFactory(title="Her", release_year=2013)
    run(export_file)
    draft = FilmReviewPage.objects.get(title__startswith="“Her”").get_latest_revision_as_object()
    draft.teaser = "Work in progress."
    draft.save_revision()

    output = run(export_file, "--publish")

    assert not FilmReviewPage.objects.get(pk=draft.pk).live
    assert output.startswith("skipped") and "an editor has changed the draft" in output


def test_password_protected_and_scheduled_posts_stay_drafts_saying_so(review_index, tmp_path):
    FilmFactory(title="Moon", release_year=2009)
    path = tmp_path / "export.xml"
    path.write_text(
        export(
            item(1, "Review: Moon (2009)", MOON_POST, password="lunar"),
            item(2, "Moon (2009) review, again", MOON_POST, status="future"),
        )
    )

    output = " ".join(run(path, "--publish").split())

    assert not FilmReviewPage.objects.live().exists()
    assert "It was password-protected on the blog: it stays a draft." in output
    assert "It was scheduled on the blog: schedule it here if it still should be." in output


@pytest.mark.parametrize(
    "content, reason",
    [
        (
            "<rss><channel><item><title>Cut off",
            r"bad.xml: not well-formed XML \(.*\); export it from WordPress again",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;">]>'
            "<rss><channel><item><title>&b;</title></item></channel></rss>",
            "bad.xml: refused, as it declares a document type or entities",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<rss><channel><item><title>&x;</title></item></channel></rss>",
            "bad.xml: refused, as it declares a document type or entities",
        ),
        (
            "<feed><entry><title>An Atom feed</title></entry></feed>",
            r"bad.xml: not a WordPress export \(it holds <feed>\)",
        ),
        (
            "<rss><channel><item><title>Some other RSS</title></item></channel></rss>",
            r"bad.xml: not a WordPress export \(no WordPress fields\)",
        ),
    ],
)
def test_a_malformed_unsafe_or_foreign_file_changes_nothing(
    review_index, tmp_path, content, reason
):
    path = tmp_path / "bad.xml"
    path.write_text(content)

    with pytest.raises(CommandError, match=reason):
        run(path)
    assert not FilmReviewPage.objects.exists()


def test_an_export_cut_off_after_its_first_post_changes_nothing(review_index, tmp_path):
    path = tmp_path / "cut.xml"
    whole = wordpress_export()
    path.write_text(whole[: whole.index("Review: Moon")])

    with pytest.raises(CommandError, match="nothing was imported"):
        run(path)
    assert not FilmReviewPage.objects.exists()
    assert not Reply.objects.exists()


def test_trash_is_skipped_private_posts_flagged_and_empty_posts_refused(review_index, tmp_path):
    path = tmp_path / "statuses.xml"
    path.write_text(
        export(
            item(1, "Review: Her (2013)", MOON_POST.replace("Moon", "Her"), status="trash"),
            item(2, "Review: Moon (2009)", MOON_POST, status="private"),
            item(3, "Review: Drive (2011)", "", status="publish"),
            item(
                4,
                "Review: Up (2009)",
                "Intro.\n\n“Married Life” aches.",
                terms=[("category", "Uncategorized")],
            ),
        )
    )

    output = run(path)

    assert "Not reviews, skipped: 1 post in the trash." in output
    assert "It was private on the blog." in output
    assert "why: it has no text" in output
    assert list(FilmReviewPage.objects.get(title__startswith="Review: Up").tags.names()) == []


def test_film_is_for_single_reviews(review_index, export_file):
    with pytest.raises(CommandError, match="--film names the film of single reviews"):
        run(export_file, "--film", "Her")


def test_publish_on_a_second_run_publishes_what_the_first_left_as_drafts(review_index, export_file):
    FilmFactory(title="Her", release_year=2013)
    run(export_file)

    output = run(export_file, "--publish")

    assert output.startswith("published ")
    assert FilmReviewPage.objects.get(title__startswith="“Her”").live


def test_a_save_in_the_admin_that_changed_nothing_is_no_editors_change(review_index, export_file):
    FilmFactory(title="Her", release_year=2013)
    run(export_file)
    her = FilmReviewPage.objects.get(title__startswith="“Her”")
    revision = her.get_latest_revision()
    # What the admin writes back of what it loaded: block keys in rich text, every empty
    # field of a block, tags in its own order and without ids.
    content = revision.content
    body = json.loads(content["body"])
    for block in body:
        if block["type"] == "track_commentary":
            block["value"].update(track_number=None, duration="", artists=[], quote="")
            block["value"]["commentary"] = block["value"]["commentary"].replace(
                "<p>", '<p data-block-key="a1b2c">'
            )
    content["body"] = json.dumps(body)
    content["tagged_items"] = [
        {**item, "pk": None} for item in reversed(content.get("tagged_items", []))
    ]
    her.save_revision()
    her.get_latest_revision().__class__.objects.filter(pk=her.get_latest_revision().pk).update(
        content=content
    )
    changed = export_file.parent / "changed.xml"
    changed.write_text(wordpress_export(HER_POST.replace("is brief", "is short")))

    output = run(changed)

    assert output.startswith("updated")
