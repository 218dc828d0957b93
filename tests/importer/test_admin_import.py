"""Editors import from the admin: they upload an export or a review, the import runs as
a task, and a page lists each review with a link to its draft and the points to check."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from content.models import FilmReviewPage
from content.snippets import Film
from importer.models import ImportRun
from replies.models import Reply
from tests.factories import user_in_group
from tests.importer.wxr import wordpress_export

IMPORT = reverse("importer:index")

pytestmark = pytest.mark.usefixtures("run_tasks_immediately")

SINGLE_REVIEW = """A quiet score, remembered

Jóhann Jóhannsson builds it from breath and low strings.

"Heptapod B" circles the same few notes until they speak.

In the end, a patient record.
"""


@pytest.fixture
def moderator(db):
    return user_in_group("Moderators", "mo")


@pytest.fixture
def editor(db):
    return user_in_group("Editors", "ed")


def upload(client, name, content, **fields):
    data = {"file": SimpleUploadedFile(name, content.encode()), **fields}
    return client.post(IMPORT, data)


def test_an_uploaded_export_becomes_drafts_listed_with_links_and_points(
    client, editor, review_index, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    form = client.get(IMPORT)
    assert form.status_code == 200
    assert "Import reviews" in form.text

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "scores.xml", wordpress_export(), parent=review_index.pk)

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("importer:run", args=[run.pk])
    assert (run.status, run.started_by, run.skipped) == (
        "finished",
        editor,
        {"attachment": 1, "page": 1},
    )
    assert not run.file  # the export, with its readers' addresses, is not kept
    her = FilmReviewPage.objects.get(title__startswith="“Her”")
    moon = FilmReviewPage.objects.get(title="Review: Moon (2009)")
    assert [outcome["page_id"] for outcome in run.outcomes] == [her.pk, moon.pk]
    assert not her.live and her.get_latest_revision().user == editor
    assert Reply.objects.filter(page=her).count() == 5

    page = client.get(response["Location"])
    edit_her = reverse("wagtailadmin_pages:edit", args=[her.pk])
    assert f'<a href="{edit_her}">“Her” Soundtrack Review: warm static</a>' in page.text
    assert "The film “Moon” (2009) was added: complete its credits." in page.text
    assert "Not reviews, skipped: 1 attachment, 1 page." in page.text
    assert "Finished: 2 created (" in page.text
    assert 'http-equiv="refresh"' not in page.text
    assert "scores.xml" in client.get(IMPORT).text  # among the latest imports


def test_uploading_the_same_export_again_creates_nothing(
    client, editor, review_index, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            upload(client, "scores.xml", wordpress_export(), parent=review_index.pk)

    latest = ImportRun.objects.first()
    assert [outcome["action"] for outcome in latest.outcomes] == ["skipped", "skipped"]
    assert FilmReviewPage.objects.count() == 2
    assert Reply.objects.count() == 5


def test_a_single_review_takes_the_film_the_editor_names(
    client, editor, review_index, django_capture_on_commit_callbacks
):
    Film.objects.create(title="Arrival", release_year=2016)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "quiet.txt", SINGLE_REVIEW, parent=review_index.pk, film="arrival")

    review = FilmReviewPage.objects.get()
    assert (review.title, review.film.title) == ("A quiet score, remembered", "Arrival")
    assert [track["title"] for track in review.tracklist] == ["Heptapod B"]


def test_a_dry_run_reports_and_writes_nothing(
    client, editor, review_index, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            client, "scores.xml", wordpress_export(), parent=review_index.pk, dry_run="on"
        )

    run = ImportRun.objects.get()
    assert [outcome["action"] for outcome in run.outcomes] == ["would be created"] * 2
    assert not FilmReviewPage.objects.exists() and not Reply.objects.exists()
    assert "a report only: nothing was written" in client.get(response["Location"]).text


def test_an_unreadable_export_fails_saying_why_and_changes_nothing(
    client, editor, review_index, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    cut_off = wordpress_export()[:-200]
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "scores.xml", cut_off, parent=review_index.pk)

    run = ImportRun.objects.get()
    assert run.status == "failed"
    assert run.error.startswith("scores.xml: not well-formed XML (")
    assert run.error.endswith("; nothing was imported.")
    assert not FilmReviewPage.objects.exists() and not Reply.objects.exists()
    assert run.error in client.get(response["Location"]).text


def test_a_run_in_progress_reloads_itself_its_file_kept_where_no_one_can_guess(
    client, editor, review_index
):
    client.force_login(editor)
    # No commit, so the task waits.
    response = upload(client, "scores.xml", wordpress_export(), parent=review_index.pk)

    page = client.get(response["Location"])
    run = ImportRun.objects.get()
    assert run.status == "queued"
    assert re.fullmatch(r"imports/[0-9a-f]{32}/scores\.xml", run.file.name)
    assert 'http-equiv="refresh"' in page.text
    assert "Waiting to start" in page.text


def test_a_run_whose_worker_stopped_says_so_and_keeps_what_it_did(client, editor, review_index):
    client.force_login(editor)
    upload(client, "scores.xml", wordpress_export(), parent=review_index.pk)
    ImportRun.objects.update(
        status="running",
        progressed_at=timezone.now() - timedelta(hours=1),
        outcomes=[
            {
                "action": "created",
                "title": "A",
                "page_id": None,
                "reasons": [],
                "points_to_check": [],
            }
        ],
    )

    page = client.get(reverse("importer:run", args=[ImportRun.objects.get().pk]))

    run = ImportRun.objects.get()
    assert (run.status, run.file.name) == ("failed", "")
    assert "The import stopped before its end" in page.text
    assert "1 created" in page.text


@pytest.mark.parametrize(
    "name, fields, field, message",
    [
        ("notes.docx", {}, "file", "Choose a WordPress export (.xml) or a review"),
        ("scores.xml", {"film": "Her"}, "film", "name their films in their headlines"),
        ("quiet.txt", {"publish": "on"}, "publish", "A single review comes in as a draft"),
    ],
)
def test_the_form_refuses_what_cannot_be_imported(
    client, moderator, review_index, name, fields, field, message
):
    client.force_login(moderator)

    response = upload(client, name, SINGLE_REVIEW, parent=review_index.pk, **fields)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ImportRun.objects.exists()


def test_only_those_who_may_publish_are_offered_publishing(
    client, editor, moderator, review_index, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    assert "publish" not in client.get(IMPORT).context["form"].fields
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "scores.xml", wordpress_export(), parent=review_index.pk, publish="on")
    assert not FilmReviewPage.objects.live().exists()

    client.force_login(moderator)
    assert "publish" in client.get(IMPORT).context["form"].fields


def test_those_who_may_not_add_reviews_neither_see_nor_open_the_importer(client, review_index):
    user = get_user_model().objects.create_user(username="reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert "Import reviews" not in client.get(reverse("wagtailadmin_home")).text
    run = ImportRun.objects.create(filename="scores.xml", parent=review_index)
    for url in (IMPORT, reverse("importer:run", args=[run.pk])):
        # Wagtail's answer to a denied admin view: back home, saying so.
        assert client.get(url)["Location"] == reverse("wagtailadmin_home")
