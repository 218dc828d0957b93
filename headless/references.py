"""What a link or an image in stored rich text may name, checked without rendering it.

The editor's own controls write only links and images that exist, in the site's image
formats; a post made by hand, code or an export edited by hand may write anything.
``broken_references`` is what an editor may not save; ``malformed_references``, what no
site could render, whatever else exists.
"""

from html.parser import HTMLParser

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_formats
from wagtail.models import Page


def is_id(value):
    """Whether an entity's ``id`` can name a row: a whole number in ASCII digits."""
    return isinstance(value, str | int) and str(value).isascii() and str(value).isdigit()


class EntityAudit(HTMLParser):
    """The links and embeds in stored rich text: ``(kind, id, format)`` of each."""

    def __init__(self):
        super().__init__()
        self.entities = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "linktype" in attrs:
            self.entities.append((attrs["linktype"], attrs.get("id"), None))
        elif tag == "embed":
            self.entities.append((attrs.get("embedtype"), attrs.get("id"), attrs.get("format")))


# What each kind of link or embed names, and how an editor is told it names nothing.
ENTITY_MODELS = {
    "page": (lambda: Page, "A link in this text goes to a page that does not exist"),
    "document": (get_document_model, "A link in this text goes to a document that does not exist"),
    "image": (get_image_model, "An image in this text does not exist"),
}
REMEDY = "Remove it and add it again."


def entities(sources):
    audit = EntityAudit()
    for source in sources:
        audit.feed(source)
    return audit.entities


def malformed_references(sources):
    """What no site could render among the links and images of these pieces of stored
    rich text: kinds it does not link to, ids that are not ids, image formats it does not
    have. Messages for the editor; no query."""
    problems = []
    formats = {image_format.name for image_format in get_image_formats()}
    for kind, id_, image_format in entities(sources):
        if kind not in ENTITY_MODELS:
            problems.append(f"This text holds a link or an embed of an unknown kind ({kind!r}).")
        elif not is_id(id_):
            problems.append(f"{ENTITY_MODELS[kind][1]} ({id_!r}).")
        elif kind == "image" and image_format not in formats:
            problems.append(
                f"An image in this text has a format this site lacks ({image_format!r})."
            )
    return [f"{problem} {REMEDY}" for problem in problems]


def broken_references(sources):
    """``malformed_references``, and links and images whose ids name nothing: what an
    editor may not save. One query per kind, however many there are."""
    named = {kind: set() for kind in ENTITY_MODELS}
    for kind, id_, _format in entities(sources):
        if kind in named and is_id(id_):
            named[kind].add(int(id_))
    problems = malformed_references(sources)
    for kind, ids in named.items():
        get_model, message = ENTITY_MODELS[kind]
        found = set(get_model()._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        problems += [f"{message} (id {missing}). {REMEDY}" for missing in sorted(ids - found)]
    return problems
