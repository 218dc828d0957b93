"""What a link or an image in stored rich text may name, checked without rendering it.

The editor's own controls write only links and images that exist, in the site's image
formats; a post made by hand, code or an export edited by hand may write anything.
``broken_references`` is what an editor may not save; ``malformed_references``, what no
site could render, whatever else exists; ``public_source``, the text without what the
public may not see, which every format the API gives is made from.
"""

import re
from html.parser import HTMLParser

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_formats
from wagtail.models import Page

from .visibility import is_public_media, public_page_ids

# The largest id a database's 64-bit primary key holds.
MAX_ID = 2**63 - 1


def is_id(value):
    """Whether an entity's ``id`` can name a row: a whole number in ASCII digits that a
    primary key column holds."""
    text = str(value) if isinstance(value, str | int) else ""
    return text.isascii() and text.isdigit() and int(text) <= MAX_ID


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


# A link or an embed in stored rich text, which Wagtail writes with quoted attributes.
ENTITY_TAG = re.compile(r"<(a|embed)\b([^>]*)>")
ENTITY_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def public_source(source):
    """Stored rich text without what the public may not see: a link to a page that is
    not live and public, or to a document in a restricted collection, becomes a plain
    ``<a>`` around its text; an embedded image in a restricted collection goes. Every
    object it names is loaded, so that a cached response that shows the text is tagged
    with it, and rebuilt when it is published or its restriction lifted."""
    entities = [
        (match, match[1], dict(ENTITY_ATTRIBUTE.findall(match[2])))
        for match in ENTITY_TAG.finditer(source)
    ]
    kinds = {"page": Page, "document": get_document_model(), "image": get_image_model()}
    named = {kind: set() for kind in kinds}
    for _match, tag, attrs in entities:
        kind = attrs.get("linktype" if tag == "a" else "embedtype")
        if kind in named and is_id(attrs.get("id")):
            named[kind].add(int(attrs["id"]))
    if not any(named.values()):
        return source
    memo = {}
    pages = Page.objects.filter(pk__in=named["page"]).only("pk")
    public = {
        "page": public_page_ids([page.pk for page in pages]),
        **{
            kind: {
                pk
                for pk, media in kinds[kind]._default_manager.in_bulk(named[kind]).items()
                if is_public_media(media, memo)
            }
            for kind in ("document", "image")
        },
    }
    pieces, position = [], 0
    for match, tag, attrs in entities:
        kind = attrs.get("linktype" if tag == "a" else "embedtype")
        if kind not in public or not is_id(attrs.get("id")) or int(attrs["id"]) in public[kind]:
            continue
        pieces += [source[position : match.start()], "<a>" if tag == "a" else ""]
        position = match.end()
    return "".join([*pieces, source[position:]])
