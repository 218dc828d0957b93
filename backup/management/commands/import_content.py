import json
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from tqdm import tqdm
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.snippets.models import get_snippet_models

from backup import exports
from headless.references import malformed_references
from search.indexing import rebuild_index


class Command(BaseCommand):
    help = (
        "Restores an export_content directory (PATH) into an empty database, one that "
        "migrate has just made, and its files into media storage. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A directory written by export_content.")

    def handle(self, path, **options):
        path = Path(path)
        manifest = self.read_manifest(path)
        held = content_in_database()
        if held:
            raise CommandError(
                f"This database already holds content ({', '.join(held)}): import_content "
                "restores into an empty one, made by 'python manage.py migrate'."
            )
        self.check_migrations(manifest["migrations"])

        verbose = options["verbosity"] > 0
        step = self.stdout.write if verbose else lambda message: None
        written = []
        try:
            with transaction.atomic():
                # The rows of migrate's defaults (root page, site, groups, content types)
                # give way to the export's, ids and all.
                delete_all_rows()
                ContentType.objects.clear_cache()
                step(f"Loading {sum(manifest['counts'].values())} rows…")
                call_command("loaddata", str(path / exports.CONTENT), verbosity=0)
                ContentType.objects.clear_cache()
                if problem := malformed_rich_text() or unreadable_stream_value():
                    raise CommandError(problem)
                self.check_counts(manifest["counts"])
                step("Restoring files…")
                self.restore_files(path / exports.MEDIA, written, verbose)
                step("Rebuilding the references and search indexes…")
                call_command(
                    "rebuild_references_index", verbosity=options["verbosity"], stdout=self.stdout
                )
                rebuild_index(verbosity=options["verbosity"], stdout=self.stdout)
                counts = exports.row_counts(exports.exported_models())
        except (DeserializationError, DatabaseError, ValueError, OSError, CommandError) as error:
            ContentType.objects.clear_cache()
            for storage, name in written:
                storage.delete(name)
            reason = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            raise CommandError(f"Nothing was imported: {reason}") from error

        if verbose:
            imported = exports.summary(counts, len(written))
            self.stdout.write(self.style.SUCCESS(f"Imported {imported} from {path}."))

    def read_manifest(self, path):
        if not path.is_dir():
            raise CommandError(f"{path} is not a directory written by export_content.")
        try:
            manifest = exports.read_manifest(path)
        except FileNotFoundError:
            raise CommandError(f"{path} has no {exports.MANIFEST}: it is not an export.") from None
        except (OSError, ValueError) as error:
            raise CommandError(f"{path / exports.MANIFEST} cannot be read: {error}") from error
        if not (
            isinstance(manifest, dict)
            and manifest.get("format") == exports.FORMAT
            and isinstance(manifest.get("migrations"), list)
            and all(isinstance(name, str) for name in manifest["migrations"])
            and isinstance(manifest.get("counts"), dict)
            and all(isinstance(count, int) for count in manifest["counts"].values())
        ):
            raise CommandError(
                f"{path / exports.MANIFEST} is not of export format {exports.FORMAT}."
            )
        return manifest

    def check_migrations(self, exported):
        here = exports.applied_migrations()
        if exported != here:
            missing_here = sorted(set(exported) - set(here))
            missing_there = sorted(set(here) - set(exported))
            difference = (
                f"{missing_here[0]} is not applied here"
                if missing_here
                else f"{missing_there[0]} was not applied there"
            )
            raise CommandError(
                f"The export was made from another version of the schema ({difference}): "
                "migrate both to the same code first."
            )

    def check_counts(self, expected):
        """Refuses rows that do not match the manifest: a row lost, or one slipped in,
        of a model the manifest counts or of any other (which it counts as none)."""
        tables = [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]
        loaded = exports.row_counts(tables)
        for label in sorted(loaded.keys() | expected.keys()):
            if loaded.get(label, 0) != expected.get(label, 0):
                raise CommandError(
                    f"The export holds {loaded.get(label, 0)} rows of {label} where its "
                    f"manifest counts {expected.get(label, 0)}."
                )

    def restore_files(self, media, written, verbose):
        """Saves each file the imported rows point at into its field's storage, under its
        own name; ``written`` collects them, for removal if the import fails. Every name
        and file is checked before the first is written."""
        files = list(exports.stored_files(exports.exported_models()))
        for _storage, name in files:
            check_media_file(media, name)
        for storage, name in tqdm(files, unit="file", disable=not verbose):
            copy = media / name
            if storage.exists(name):
                with storage.open(name) as existing:
                    if existing.read() == copy.read_bytes():
                        continue
                raise CommandError(f"Media storage already has another file named {name}.")
            with copy.open("rb") as source:
                saved_as = storage.save(name, source)
            written.append((storage, saved_as))
            if saved_as != name:
                raise CommandError(f"Media storage saved {name} as {saved_as}.")


def check_media_file(media, name):
    """Refuses a file name that would reach outside media storage (absolute, with ..),
    and a file in the export that is not a plain file inside its media folder (a
    symbolic link could copy any file on this machine into public storage)."""
    parts = PurePosixPath(name).parts
    if not name or name.startswith(("/", "\\")) or ".." in parts or "\\" in name:
        raise CommandError(f"The export names a file outside media storage: {name!r}.")
    copy = media / name
    for path in [copy, *copy.parents]:
        if path.is_symlink():
            raise CommandError(f"The export's {name} is a symbolic link, which is refused.")
        if path == media:
            break
    if not copy.is_file():
        raise CommandError(f"The export lacks the file {name}, which its rows name.")
    # A hard link is the same file as another elsewhere on this machine.
    if copy.stat().st_nlink > 1:
        raise CommandError(f"The export's {name} has other names on this machine: refused.")


def content_in_database():
    """What the database holds beyond what migrate makes (a root and a home page, with
    no revisions), e.g. ``["3 pages", "1 user"]``."""
    counts = {
        "page": Page.objects.filter(depth__gt=2).count(),
        "revision": Revision.objects.count(),
        "user": get_user_model().objects.count(),
        "image": get_image_model().objects.count(),
        "document": get_document_model().objects.count(),
        "snippet": sum(model.objects.count() for model in get_snippet_models()),
    }
    return [exports.counted(number, noun) for noun, number in counts.items() if number]


def malformed_rich_text():
    """The first link or image, in a page's or a revision's rich text, that no site could
    render (``headless.rich_text.malformed_references``), as a reason; or None."""
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, StreamField | RichTextField)
        ]
        for pk, *values in model._base_manager.values_list("pk", *fields).iterator():
            if problems := malformed_references(text_in(values)):
                return f"{model._meta.verbose_name} {pk}: {problems[0]}"
    for pk, content in Revision.objects.values_list("pk", "content").iterator():
        if problems := malformed_references(text_in(content)):
            return f"revision {pk}: {problems[0]}"
    return None


def unreadable_stream_value():
    """The first StreamField value, on a page or a snippet, whose blocks hold a value of
    the wrong kind (a number where text goes, a list where a paragraph goes), which no
    block could show, as a reason; or None."""
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, StreamField)]
        for field in fields:
            rows = model._base_manager.values_list("pk", field.attname).iterator()
            for pk, value in rows:
                raw = value.get_prep_value() if isinstance(value, StreamValue) else value
                if problem := stream_problem(field.stream_block, raw or []):
                    return f"{model._meta.verbose_name} {pk}: {field.name}: {problem}"
    return None


def stream_problem(block, raw, path=""):
    """What is wrong, if anything, with the shape of a block's stored value."""
    if isinstance(block, blocks.StreamBlock):
        if not isinstance(raw, list):
            return f"{path or 'the stream'} is not a list of blocks"
        for index, child in enumerate(raw):
            child_block = (
                block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            )
            if child_block is None:
                return f"block {index} is of an unknown type"
            if problem := stream_problem(child_block, child.get("value"), f"block {index}"):
                return problem
        return None
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return f"{path} is not a set of fields"
        for name, child_block in block.child_blocks.items():
            if problem := stream_problem(child_block, raw.get(name), f"{path} {name}"):
                return problem
        return None
    if isinstance(block, blocks.ListBlock):
        items = raw or []
        if not isinstance(items, list):
            return f"{path} is not a list"
        values = [item.get("value") if isinstance(item, dict) else item for item in items]
        return next((p for v in values if (p := stream_problem(block.child_block, v, path))), None)
    expected = next((kind for cls, kind in VALUE_KINDS.items() if isinstance(block, cls)), None)
    if expected and raw is not None and not isinstance(raw, expected):
        return f"{path.strip()} holds {type(raw).__name__} where {expected.__name__} goes"
    return None


# What the stored values of Wagtail's field blocks are, where a block shows them as is.
VALUE_KINDS = {
    blocks.CharBlock: str,
    blocks.TextBlock: str,
    blocks.URLBlock: str,
    blocks.RichTextBlock: str,
    blocks.IntegerBlock: int,
}


def text_in(value):
    """Every string in a value read from the database, JSON held in strings included."""
    if isinstance(value, StreamValue):
        value = value.get_prep_value()
    if isinstance(value, str) and value[:1] in "[{":
        try:
            value = json.loads(value)
        except ValueError:
            pass
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from text_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from text_in(item)


def delete_all_rows():
    """Empties every table of the project's models, as flush does, but with DELETE:
    PostgreSQL refuses TRUNCATE in a transaction that has written (such as a test's).
    Foreign keys are checked at commit, so the order does not matter."""
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
