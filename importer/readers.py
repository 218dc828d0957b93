"""Single reviews as bloggers keep them (plain text, Markdown, HTML, WordPress post
content), read into a headline and paragraphs of inline HTML, the blog's boilerplate
dropped and anything but emphasis and links sanitised away."""

import html
import re
from pathlib import Path

import nh3

FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

# What a blog prints around a post, not part of the review.
BOILERPLATE = re.compile(
    r"^(leave a (reply|comment)|your email address will not be published|required fields "
    r"are marked|post comment|share this|like this|related( posts)?\b|click to share|"
    r"share on |posted in |tagged |filed under |comments?\s*(\(\d+\))?$|\d+ comments?$|"
    r"what do you think\b|let me know (what you think|in the comments)|thanks for reading|"
    r"tracklist:?$|track list(ing)?:?$|"
    # a signature: "— Sam", "Cheers, Sam"
    r"[—–-]\s*\S+(\s\S+)?$|(cheers|best|regards|until next time),?(\s\S+){0,2}$)",
    re.IGNORECASE,
)
# A line of a tracklist: a title and its length (1. “Day One” – 3:19).
TRACKLIST_LINE = re.compile(
    r"^(?:(?:\d{1,3}[.)]?\s+)?[“\"„«‘'][^“”\"„«»]{1,120}[”\"“»’']|\d{1,3}[.)]\s+.{1,120}?)"
    r"\s*[-–—(\[]?\s*\d{1,2}:\d{2}\s*[)\]]?$"
)
# A paragraph that is only an address, as WordPress embeds videos and tweets.
BARE_ADDRESS = re.compile(r"^https?://\S+$")
QUOTE_MARKS = "“”\"„«»‘’'"
INLINE_TAGS = {"a", "b", "i", "em", "strong", "br"}
BLANK_LINES = re.compile(r"\n\s*\n")


class UnreadableReview(Exception):
    """A file that holds no review that can be read: the message says why, in a line."""


def read_review(path, format=None):
    """``(headline, paragraphs)`` of the review in the file at ``path``; the headline is
    empty where the file has none (post content copied from WordPress)."""
    path = Path(path)
    format = format or FORMATS.get(path.suffix.lower())
    if format is None:
        raise UnreadableReview(f"{path.name}: not a .txt, .md or .html file (use --format)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableReview(f"{path.name}: not UTF-8 text (save it as UTF-8)") from error
    except OSError as error:
        raise UnreadableReview(f"{path.name}: {error.strerror or error}") from error
    headline, paragraphs = READERS[format](text)
    paragraphs = review_paragraphs(paragraphs)
    if not paragraphs:
        raise UnreadableReview(f"{path.name}: no paragraphs to read")
    return headline, paragraphs


def review_paragraphs(paragraphs):
    """The paragraphs that are the review's: not empty, not the blog's boilerplate, an
    embedded video's address or a tracklist's lines."""
    return [
        paragraph
        for paragraph in paragraphs
        if (text := text_only(paragraph))
        and not any(pattern.match(text) for pattern in (BOILERPLATE, TRACKLIST_LINE, BARE_ADDRESS))
    ]


def text_only(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", fragment)).split())


def inline_html(fragment):
    """Emphasis and links kept (as Wagtail's rich text writes them), the rest dropped."""
    cleaned = nh3.clean(
        fragment,
        tags=INLINE_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    for tag, wagtail_tag in (("em", "i"), ("strong", "b")):
        cleaned = re.sub(rf"<(/?){tag}>", rf"<\g<1>{wagtail_tag}>", cleaned)
    return " ".join(cleaned.split())


def read_text(text):
    blocks = [block.strip() for block in BLANK_LINES.split(text.strip())]
    headline, *paragraphs = blocks or [""]
    return " ".join(headline.split()), [
        html.escape(" ".join(p.split()), quote=False) for p in paragraphs
    ]


MARKDOWN_INLINE = [
    (re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)"), r'<a href="\2">\1</a>'),
    (re.compile(r"\*\*(.+?)\*\*|__(.+?)__"), lambda m: f"<b>{m[1] or m[2]}</b>"),
    (
        re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)"),
        lambda m: f"<i>{m[1] or m[2]}</i>",
    ),
]


# A Markdown image: ![alt](address).
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
# A Markdown list item, or a heading after the headline.
MARKDOWN_LIST_ITEM = re.compile(r"\n[ \t]*(?:[-*+][ \t]+|(?=\d{1,3}[.)][ \t]))")
MARKDOWN_HEADING = re.compile(r"(?<=\n)#{1,6}[ \t]+(.*)")


def read_markdown(text):
    text = FIGURE.sub("\n\n", MARKDOWN_IMAGE.sub("", text))
    text = MARKDOWN_LIST_ITEM.sub("\n\n", text)
    text = MARKDOWN_HEADING.sub(lambda match: f"\n{heading_text(match[1])}\n", text)
    headline, paragraphs = read_text(text)
    headline = headline.lstrip("#").strip()
    converted = []
    for paragraph in paragraphs:
        for pattern, replacement in MARKDOWN_INLINE:
            paragraph = pattern.sub(replacement, paragraph)
        converted.append(inline_html(paragraph))
    return headline, converted


def read_html(text):
    """A page, or WordPress post content."""
    text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.DOTALL | re.IGNORECASE)
    headline = ""
    for pattern in (r"<h1\b[^>]*>(.*?)</h1>", r"<title\b[^>]*>(.*?)</title>"):
        if match := re.search(pattern, text, re.DOTALL | re.IGNORECASE):
            headline = text_only(match[1])
            break
    text = re.sub(r"<(h1|title|head)\b.*?</\1>", "", text, flags=re.DOTALL | re.IGNORECASE)
    return headline, html_paragraphs(text)


# Where a paragraph ends in HTML: block elements, open or closed.
BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|blockquote|h[1-6]|figure|figcaption|table|tr|td|th|pre|hr|"
    r"html|body|article|section|main|header|footer|aside|nav)\b[^>]*>",
    re.IGNORECASE,
)
# WordPress shortcodes: a [caption …]…[/caption] goes whole, other codes' tags go.
CAPTION = re.compile(r"\[caption\b[^\]]*\].*?\[/caption\]", re.DOTALL | re.IGNORECASE)
SHORTCODE = re.compile(r"\[/?[a-z][\w-]*(?:\s[^\]]*)?\]", re.IGNORECASE)


# Figures (images, captions, embedded players) and frames: no text of the review's.
FIGURE = re.compile(r"<(figure|iframe)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
HEADING = re.compile(r"<h[2-6]\b[^>]*>(.*?)</h[2-6]>", re.DOTALL | re.IGNORECASE)


def heading_text(heading):
    """A heading inside the review, as a paragraph where it names a track in quotes;
    otherwise nothing: the review's blocks are its headings now."""
    return heading if any(mark in heading for mark in QUOTE_MARKS) else ""


def without_tracklist_lines(text):
    """The text without the lines of a tracklist, which classic WordPress posts write a
    line each (1. "Supermarine" - 8:14), or with <br> between them."""
    lines = re.split(r"(<br\s*/?>|\n)", text, flags=re.IGNORECASE)
    return "".join(line for line in lines if not TRACKLIST_LINE.match(text_only(line)))


def html_paragraphs(text):
    """Paragraphs of inline HTML, however the HTML marks them: in <p> and other blocks
    (open or closed, block editor comments and all), or, as WordPress stores posts,
    separated by blank lines."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = SHORTCODE.sub("", CAPTION.sub("", text))
    text = FIGURE.sub("\n\n", text)
    text = HEADING.sub(lambda match: f"\n\n{heading_text(match[1])}\n\n", text)
    text = without_tracklist_lines(text)
    parts = BLANK_LINES.split(BLOCK_TAG.sub("\n\n", text).strip())
    return [inline_html(part) for part in parts]


READERS = {"text": read_text, "markdown": read_markdown, "html": read_html}
