"""export_content writes all content; import_content restores it, exactly, into an empty
database, or refuses with a reason and changes nothing."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from backup import exports
from content.models import FilmReviewPage
from content.snippets import Film
from tests.factories import ImageFactory, intro, make_review, track
from tests.servers import IMMEDIATE_TASK_BACKEND, fresh_database_url, manage

# Content that the demo lacks, added to the source database before the export: drafts,
# a newer draft of a live review, a scheduled review, a private section, a document, a
# restricted collection, a comment, a redirect, a workflow in progress, and a review with
# hostile markup, as an import from elsewhere might bring in.
MORE_CONTENT = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction, Comment, PageViewRestriction
from content.models import FilmReviewPage, ReviewIndexPage
from content.snippets import Reviewer

# The moderator publishes; Editors may not.
editor = get_user_model().objects.get(username="moderator")
index = ReviewIndexPage.objects.get()
her = FilmReviewPage.objects.get(slug="her-arcade-fire-owen-pallett")
arrival = FilmReviewPage.objects.get(slug="arrival-johann-johannsson")

def review(parent, slug, title, body=arrival.body.raw_data, **fields):
    page = FilmReviewPage(
        title=title, slug=slug, film=arrival.film, teaser="Another look.", body=body,
        live=False, **fields,
    )
    parent.add_child(instance=page)
    return page.save_revision(user=editor)

hostile = [dict(block) for block in arrival.body.raw_data]
hostile[0]["value"] = (
    '<p>Plain words.</p><script>alert(1)</script><p><a href="javascript:alert(2)">x</a></p>'
)
review(index, "arrival-hostile", "Arrival, hostile", body=hostile).publish(user=editor)

review(index, "arrival-second-look", "Arrival, a second look")
later = timezone.now() + timedelta(days=3)
review(index, "arrival-later", "Arrival, later", go_live_at=later).publish(user=editor)
members = index.add_child(instance=ReviewIndexPage(title="Members", slug="members"))
members.save_revision(user=editor).publish(user=editor)
PageViewRestriction.objects.create(page=members, restriction_type="password", password="x")
review(members, "arrival-members", "Arrival, for members").publish(user=editor)

her.title = "Her, redrafted"
her.save_revision(user=editor)
her.get_workflow().start(her, editor)
Comment.objects.create(page=her, user=editor, text="Check the order.", contentpath="title")
Redirect.objects.create(old_path="/old-her", redirect_page=her)
Reviewer.objects.update(email="desk@critics.example")

Document.objects.create(
    title="Press notes", file=ContentFile(b"Notes for the press.", name="press-notes.txt"),
    uploaded_by_user=editor,
)
embargo = Collection.get_first_root_node().add_child(name="Embargo")
CollectionViewRestriction.objects.create(collection=embargo, restriction_type="login")
poster = Image.objects.first()
Image.objects.create(
    title="Embargoed still", collection=embargo, width=poster.width, height=poster.height,
    file=ContentFile(poster.file.read(), name="embargoed-still.png"),
)
"""

# What a restore must reproduce: the API's answer to every page and listing, every
# revision (and the page it rebuilds into), and every stored file.
SNAPSHOT = """
import hashlib, json
from django.test import Client
from wagtail.models import Page, Revision
from backup import exports

client = Client(HTTP_HOST="localhost")
urls = [f"/api/v2/pages/{pk}/?fields=*" for pk in Page.objects.values_list("pk", flat=True)]
urls += [
    "/api/v2/pages/?fields=*&limit=50",
    "/api/v2/pages/?type=content.FilmReviewPage&fields=*&order=-first_published_at",
    # Ordered: search ranks ties in the order the index was built.
    "/api/v2/pages/?type=content.FilmReviewPage&search=score&order=id&fields=*",
    "/api/v2/pages/find/?html_path=/reviews/her-arcade-fire-owen-pallett/",
    "/api/v2/images/?fields=*",
    "/api/v2/documents/?fields=*",
]
urls += [f"/api/v2/replies/?page={pk}" for pk in Page.objects.values_list("pk", flat=True)]
api = {}
for url in urls:
    response = client.get(url)
    api[url] = [response.status_code, response.content.decode()]
revisions = [
    [r.pk, r.object_id, r.user_id, r.created_at.isoformat(), r.content, str(r.as_object())]
    for r in Revision.objects.order_by("pk")
]
files = {
    name: hashlib.sha256(storage.open(name).read()).hexdigest()
    for storage, name in exports.stored_files(exports.exported_models())
}
print(json.dumps({"api": api, "revisions": revisions, "files": files}))
"""


def environment_for(database_url, media_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        # The search index the snapshot compares is written by tasks: run them at once.
        "TASK_BACKEND": IMMEDIATE_TASK_BACKEND,
    }


def snapshot(environment):
    return json.loads(manage(environment, "shell", "--no-imports", "-c", SNAPSHOT))


def test_an_import_restores_every_page_revision_and_file_exactly(tmp_path):
    export = tmp_path / "export"
    (tmp_path / "source").mkdir()
    (tmp_path / "target").mkdir()
    with (
        fresh_database_url("export_source", tmp_path / "source") as source_url,
        fresh_database_url("export_target", tmp_path / "target") as target_url,
    ):
        source = environment_for(source_url, tmp_path / "source" / "media")
        manage(source, "migrate", "--no-input")
        manage(source, "load_demo")
        manage(source, "shell", "--no-imports", "-c", MORE_CONTENT)
        before = snapshot(source)
        exported = manage(source, "export_content", str(export))

        target = environment_for(target_url, tmp_path / "target" / "media")
        manage(target, "migrate", "--no-input")
        imported = manage(target, "import_content", str(export))
        after = snapshot(target)

    # The snippets: 3 films, 2 reviewers, 9 tags and the demo's 6 replies.
    assert "Exported 11 pages, 10 revisions, 20 snippets, 9 images, 1 document, 3 users" in exported
    assert "Imported 11 pages, 10 revisions, 20 snippets, 9 images, 1 document, 3 users" in imported
    assert after["api"].keys() == before["api"].keys()
    for url, answer in before["api"].items():
        assert after["api"][url] == answer, url
    assert after["revisions"] == before["revisions"]
    assert after["files"] == before["files"]
    # What was compared holds what it should: drafts, files, private and scheduled pages.
    statuses = [status for status, _body in before["api"].values()]
    assert statuses.count(200) >= 10
    # Not public: the root, the draft, the scheduled review, the members' section and review.
    assert statuses.count(404) == 5
    assert "Her, redrafted" in [revision[-1] for revision in before["revisions"]]
    bodies = "".join(body for _status, body in after["api"].values())
    assert "Plain words." in bodies
    assert "<script" not in bodies
    assert "javascript:" not in bodies
    assert {"documents/press-notes.txt", "original_images/embargoed-still.png"} <= set(
        before["files"]
    )


def test_a_second_import_is_refused_and_changes_nothing(tmp_path, review_index):
    make_review(review_index, title="Kept")
    call_command("export_content", str(tmp_path / "export"), verbosity=0)

    with pytest.raises(CommandError, match=r"already holds content \(2 pages, 2 revisions"):
        call_command("import_content", str(tmp_path / "export"), verbosity=0)

    assert FilmReviewPage.objects.get().title == "Kept"


def test_export_refuses_a_directory_that_holds_files(tmp_path, db):
    (tmp_path / "notes.txt").write_text("mine")

    with pytest.raises(CommandError, match="already exists and is not an empty directory"):
        call_command("export_content", str(tmp_path), verbosity=0)

    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "has no manifest.json: it is not an export"),
        ({"manifest.json": "{not json"}, "manifest.json cannot be read"),
        ({"manifest.json": '{"format": 99}'}, "is not of export format 1"),
    ],
)
def test_import_refuses_what_is_not_an_export(tmp_path, db, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text)

    with pytest.raises(CommandError, match=message):
        call_command("import_content", str(tmp_path), verbosity=0)


def write_export(path, content, migrations=None):
    path.mkdir()
    manifest = {
        "format": exports.FORMAT,
        "migrations": exports.applied_migrations() if migrations is None else migrations,
        "counts": {},
        "files": 0,
    }
    (path / exports.MANIFEST).write_text(json.dumps(manifest))
    (path / exports.CONTENT).write_text(content)


def test_import_refuses_an_export_from_another_schema(tmp_path, db):
    migrations = [*exports.applied_migrations(), "content.9999_from_the_future"]
    write_export(tmp_path / "export", "[]", migrations)

    with pytest.raises(CommandError, match="content.9999_from_the_future is not applied here"):
        call_command("import_content", str(tmp_path / "export"), verbosity=0)


def test_a_broken_export_imports_nothing(tmp_path, db):
    pages_before = list(Page.objects.values_list("pk", "path", "title"))
    write_export(tmp_path / "export", '[{"model": "content.nosuchmodel", "pk": 1}]')

    with pytest.raises(CommandError, match="^Nothing was imported: "):
        call_command("import_content", str(tmp_path / "export"), verbosity=0)

    assert list(Page.objects.values_list("pk", "path", "title")) == pages_before


def test_a_file_that_would_overwrite_another_imports_nothing(tmp_path, db):
    image = ImageFactory(title="Still")
    call_command("export_content", str(tmp_path / "export"), verbosity=0)
    image_name = image.file.name
    image.delete()
    # An empty database again, but storage has a different file under the image's name.
    default_storage.delete(image_name)
    default_storage.save(image_name, ContentFile(b"someone else's file"))

    with pytest.raises(CommandError, match=f"already has another file named {image_name}"):
        call_command("import_content", str(tmp_path / "export"), verbosity=0)

    assert default_storage.open(image_name).read() == b"someone else's file"


def test_the_commands_report_a_reason_in_one_line(tmp_path, db):
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_content", str(tmp_path / "missing")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
    )

    assert completed.returncode == 1
    assert completed.stderr.strip().splitlines()[-1] == (
        f"CommandError: {tmp_path / 'missing'} is not a directory written by export_content."
    )


def test_rich_text_that_no_site_could_render_imports_nothing(tmp_path, review_index):
    """The admin refuses such text on save; an export made by hand may still hold it."""
    make_review(
        review_index, body=[intro('<p><a linktype="page" id="abc">Arrival</a></p>'), track("One")]
    )
    call_command("export_content", str(tmp_path / "export"), verbosity=0)
    # An empty database again.
    Page.objects.get(pk=review_index.pk).delete()
    for model in (Revision, Film, get_image_model()):
        model.objects.all().delete()

    with pytest.raises(CommandError, match=r"a page that does not exist \('abc'\)"):
        call_command("import_content", str(tmp_path / "export"), verbosity=0)

    assert not FilmReviewPage.objects.exists()


@pytest.fixture
def tampered_export(tmp_path, db):
    """An export of one image, and the database emptied again, for a test to tamper with."""
    image = ImageFactory(title="Still")
    export = tmp_path / "export"
    call_command("export_content", str(export), verbosity=0)
    name = image.file.name
    image.delete()
    default_storage.delete(name)
    return export, name


def stored_names():
    directories, files = default_storage.listdir("original_images")
    return files


def import_refused(export, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_content", str(export), verbosity=0)
    assert not get_image_model().objects.exists()
    assert stored_names() == []


def rename_in_content(export, old, new):
    content = (export / exports.CONTENT).read_text()
    (export / exports.CONTENT).write_text(content.replace(json.dumps(old), json.dumps(new)))


def test_a_media_file_that_is_a_symbolic_link_imports_nothing(tampered_export, tmp_path):
    export, name = tampered_export
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the public")
    (export / exports.MEDIA / name).unlink()
    (export / exports.MEDIA / name).symlink_to(secret)

    import_refused(export, "is a symbolic link, which is refused")


@pytest.mark.parametrize(
    "hostile", ["../outside.png", "/etc/hostname", "original_images/../../x.png"]
)
def test_a_media_name_outside_storage_imports_nothing(tampered_export, hostile):
    export, name = tampered_export
    rename_in_content(export, name, hostile)

    import_refused(export, "names a file outside media storage")


def test_a_media_file_missing_from_the_export_imports_nothing(tampered_export):
    export, name = tampered_export
    (export / exports.MEDIA / name).unlink()

    import_refused(export, f"lacks the file {name}")


def test_rows_that_do_not_match_the_manifest_import_nothing(tampered_export):
    export, _name = tampered_export
    manifest = json.loads((export / exports.MANIFEST).read_text())
    manifest["counts"]["wagtailimages.image"] += 1
    (export / exports.MANIFEST).write_text(json.dumps(manifest))

    import_refused(export, "holds 1 rows of wagtailimages.image where its manifest counts 2")


@pytest.fixture
def review_export(tmp_path, review_index):
    """An export of one review, and the database emptied again, for a test to tamper with."""
    make_review(review_index, body=[intro(), track("Sleepwalker")])
    export = tmp_path / "export"
    call_command("export_content", str(export), verbosity=0)
    Page.objects.get(pk=review_index.pk).delete()
    for model in (Revision, Film, get_image_model()):
        model.objects.all().delete()
    return export


def tamper_with_track(export, **values):
    rows = json.loads((export / exports.CONTENT).read_text())
    for row in rows:
        if row["model"] == "content.filmreviewpage":
            body = json.loads(row["fields"]["body"])
            body[1]["value"].update(values)
            row["fields"]["body"] = json.dumps(body)
    (export / exports.CONTENT).write_text(json.dumps(rows))


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"duration": 245}, "duration holds int where str goes"),
        ({"listening_link": 123}, "listening_link holds int where str goes"),
        ({"commentary": ["x"]}, "commentary holds list where str goes"),
        ({"track_number": "three"}, "track_number holds str where int goes"),
    ],
)
def test_a_block_value_of_the_wrong_kind_imports_nothing(review_export, values, reason):
    tamper_with_track(review_export, **values)

    with pytest.raises(CommandError, match=f"film review .*: body: block 1 {reason}"):
        call_command("import_content", str(review_export), verbosity=0)

    assert not FilmReviewPage.objects.exists()


def test_a_hard_link_in_the_export_imports_nothing(tampered_export, tmp_path):
    export, name = tampered_export
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the public")
    (export / exports.MEDIA / name).unlink()
    os.link(secret, export / exports.MEDIA / name)

    import_refused(export, "has other names on this machine")


def test_rows_of_a_model_the_manifest_does_not_count_import_nothing(tampered_export):
    export, _name = tampered_export
    manifest = json.loads((export / exports.MANIFEST).read_text())
    del manifest["counts"]["wagtailimages.image"]
    (export / exports.MANIFEST).write_text(json.dumps(manifest))

    import_refused(export, "holds 1 rows of wagtailimages.image where its manifest counts 0")


@pytest.mark.parametrize(
    "manifest_change",
    [{"counts": {"auth.user": "7"}}, {"counts": None}, {"migrations": [{}]}],
)
def test_a_malformed_manifest_is_refused_with_a_reason(tampered_export, manifest_change):
    export, _name = tampered_export
    manifest = json.loads((export / exports.MANIFEST).read_text())
    (export / exports.MANIFEST).write_text(json.dumps({**manifest, **manifest_change}))

    import_refused(export, "is not of export format 1")
