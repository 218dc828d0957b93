"""WordPress exports (WXR files): the posts, their comments, categories and tags,
read as a stream, so that a large export takes little memory, and safely: a document
type, entities or external references refuse the file (no entity expansion).

Attachments are read in a first pass (they are small, and a post may come before its
featured image); posts in a second.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .readers import html_paragraphs, review_paragraphs

# The namespace of WordPress's own fields in an export (wp:post_type…), of any version.
WXR_NAMESPACE = "{http://wordpress.org/export/"
# The format of an export, beside the readers' formats of single reviews.
WORDPRESS = "wordpress"


class UnreadableExport(Exception):
    """An export that cannot be read: the message says why, in a line."""


@dataclass
class WordPressComment:
    id: str
    parent_id: str
    author: str
    email: str
    url: str
    date: datetime | None
    content: str
    status: str


@dataclass
class WordPressPost:
    guid: str
    title: str
    link: str
    status: str
    date: datetime | None
    content: str
    password: str = ""
    terms: list = field(default_factory=list)
    thumbnail_id: str = ""
    comments: list = field(default_factory=list)


def local(tag):
    """An element's name without its namespace: WXR 1.0 to 1.2 differ only there."""
    return tag.rsplit("}", 1)[-1]


def child_text(element, name):
    for child in element:
        if local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def is_export(path, format=None):
    """Whether the file is a WordPress export: forced so, or named .xml."""
    return (format or (WORDPRESS if str(path).lower().endswith(".xml") else None)) == WORDPRESS


def gmt_date(text):
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def items(path, on_progress=None):
    """Each ``<item>`` of the export, as an element, then forgotten. ``on_progress`` is
    called with the bytes read so far. A file that turns out to be no WordPress export
    (no RSS, no WordPress fields) raises ``UnreadableExport`` once read to its end."""
    name = Path(path).name
    try:
        with open(path, "rb") as file:
            channel, is_export = None, False
            for event, element in iterparse(file, events=("start", "end"), forbid_dtd=True):
                tag = local(element.tag)
                if event == "start" and channel is None and tag not in ("rss", "channel"):
                    raise UnreadableExport(f"{name}: not a WordPress export (it holds <{tag}>)")
                if event == "start" and tag == "channel":
                    channel = element
                elif event == "end" and element.tag.startswith(WXR_NAMESPACE):
                    is_export = True
                elif event == "end" and tag == "item":
                    yield element
                    if channel is not None:
                        channel.clear()  # the items read so far
                    if on_progress:
                        on_progress(file.tell())
            if not is_export:
                raise UnreadableExport(f"{name}: not a WordPress export (no WordPress fields)")
    except DefusedXmlException as error:
        raise UnreadableExport(
            f"{name}: refused, as it declares a document type or entities, which WordPress "
            "exports never do"
        ) from error
    except ParseError as error:
        raise UnreadableExport(
            f"{name}: not well-formed XML ({error}); export it from WordPress again"
        ) from error
    except OSError as error:
        raise UnreadableExport(f"{name}: {error.strerror or error}") from error


def attachment_urls(path):
    """Attachment post id: the file's URL, for featured images."""
    urls = {}
    for item in items(path):
        if child_text(item, "post_type") == "attachment":
            urls[child_text(item, "post_id")] = child_text(item, "attachment_url")
    return urls


def post_of(item):
    """The post an ``<item>`` holds, or its post type where it is not a post."""
    post_type = child_text(item, "post_type")
    if post_type != "post":
        return post_type or "unknown"
    if child_text(item, "status") == "trash":
        return "post in the trash"
    post = WordPressPost(
        guid=child_text(item, "guid") or child_text(item, "post_id"),
        title=html.unescape(child_text(item, "title")),
        link=child_text(item, "link"),
        status=child_text(item, "status"),
        date=gmt_date(child_text(item, "post_date_gmt")),
        content=child_text(item, "encoded"),
        password=child_text(item, "post_password"),
    )
    for child in item:
        name = local(child.tag)
        if name == "category" and child.get("domain") in ("category", "post_tag"):
            term = html.unescape((child.text or "").strip())
            if child.get("nicename") != "uncategorized":  # WordPress's default category
                post.terms.append(term)
        elif name == "postmeta" and child_text(child, "meta_key") == "_thumbnail_id":
            post.thumbnail_id = child_text(child, "meta_value")
        elif name == "comment" and child_text(child, "comment_type") in ("", "comment"):
            post.comments.append(comment_of(child))
    return post


def comment_of(element):
    return WordPressComment(
        id=child_text(element, "comment_id"),
        parent_id=child_text(element, "comment_parent"),
        author=html.unescape(child_text(element, "comment_author")),
        email=child_text(element, "comment_author_email"),
        url=child_text(element, "comment_author_url"),
        date=gmt_date(child_text(element, "comment_date_gmt")),
        content=plain_comment(child_text(element, "comment_content")),
        status=child_text(element, "comment_approved"),
    )


def plain_comment(content):
    """A comment's text, as a reply keeps it: paragraphs and lines, no markup."""
    content = re.sub(r"<br\s*/?>", "\n", content, flags=re.IGNORECASE)
    content = re.sub(r"</p>\s*", "\n\n", content, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]*>", "", content)).strip()


def paragraphs_of(content):
    """A post's content as the review's paragraphs of inline HTML."""
    return review_paragraphs(html_paragraphs(content))
