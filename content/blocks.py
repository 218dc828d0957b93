"""The blocks of a review's body: an intro, one commentary per track, a conclusion.

The child names (``intro``, ``track_commentary``, ``conclusion``) and the value shapes
documented on each block are the public API contract: change them only with a
migration and a note in the README.
"""

import html
import re
import unicodedata
from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

from headless.references import broken_references, public_source

# What an editor may use in review prose: no headings, the page supplies those.
REVIEW_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "image"]

# m:ss, or h:mm:ss for a track that runs over an hour.
DURATION_PATTERN = re.compile(
    r"^(?:(?P<hours>\d{1,2}):(?=\d\d:))?(?P<minutes>\d{1,3}):(?P<seconds>[0-5]\d)$"
)
DURATION_MAX_LENGTH = len("99:59:59")
HTML_TAG = re.compile(r"<[^>]*>")

# What REVIEW_TEXT_FEATURES write in Wagtail's stored rich text, and nothing else.
REVIEW_TEXT_TAGS = {"p", "br", "b", "i", "a", "ol", "ul", "li", "embed"}
REVIEW_TEXT_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt"},
}
LINK_SCHEMES = {"http", "https", "mailto"}
EMBED_TAG = re.compile(r"<embed\b([^>]*?)/?>")
# Characters of text, not counting markup, in one block of review prose: about 1,600 words.
REVIEW_TEXT_MAX_LENGTH = 10_000
# Characters that take no space, which a paste can bring: text of them alone is empty.
INVISIBLE_CHARACTERS = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Tracks one review may discuss: more than any album, few enough for one form post.
MAX_TRACKS_PER_REVIEW = 150


def sanitised(source):
    """Stored rich text reduced to what the review's features produce.

    The admin's editor writes nothing else, but text also comes in through commands,
    imports and code: scripts, event attributes, javascript: links and iframes go here,
    whichever way they came in.
    """
    cleaned = nh3.clean(
        source,
        tags=REVIEW_TEXT_TAGS,
        attributes=REVIEW_TEXT_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel=None,
    )
    # nh3 writes void elements the HTML way; Wagtail expands only <embed …/>.
    return EMBED_TAG.sub(r"<embed\1/>", cleaned)


def validate_storable_text(value):
    """Refuses text that no database can store: a lone surrogate, which the editor's
    JSON can carry (\\ud800, from a broken paste) but UTF-8 cannot encode."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            "This text contains characters that are not valid Unicode: type or paste it again.",
            code="invalid_unicode",
        ) from None


def validate_has_words(value):
    """Refuses prose with nothing to read: empty paragraphs, spaces, an image alone."""
    text = html.unescape(HTML_TAG.sub(" ", value)).translate(INVISIBLE_CHARACTERS)
    if not text.strip():
        raise ValidationError("Write some text here: it has nothing to read.", code="no_words")


def validate_references(value):
    """Refuses rich text whose links or images name nothing, or nothing this site has:
    the editor's own controls write no such thing, but a post made by hand can."""
    if problems := broken_references([value]):
        raise ValidationError(problems, code="broken_reference")


def duration_in_seconds(duration):
    """Seconds in an ``m:ss`` or ``h:mm:ss`` duration, e.g. ``"4:05"`` is 245 and
    ``"1:05:00"`` is 3900; None for anything else, which older data, or data from code,
    may hold."""
    match = DURATION_PATTERN.match(duration) if isinstance(duration, str) else None
    if not match or (match["hours"] and int(match["minutes"]) > 59):
        return None
    hours = int(match["hours"] or 0)
    return (hours * 60 + int(match["minutes"])) * 60 + int(match["seconds"])


def validate_duration(value):
    """Refuses a duration that is not ``m:ss`` or ``h:mm:ss``, saying what is wrong."""
    if duration_in_seconds(value) is not None:
        return
    parts = value.split(":")
    if all(part.isdecimal() for part in parts) and len(parts) in (2, 3):
        if len(parts[-1]) != 2:
            fixed = ":".join([*parts[:-1], parts[-1].zfill(2)])
            message = f"Give the seconds two digits: {fixed}, not {value}."
        elif int(parts[-1]) > 59:
            seconds = sum(int(part) * 60**power for power, part in enumerate(reversed(parts)))
            minutes, seconds = divmod(seconds, 60)
            hours, minutes = divmod(minutes, 60)
            meant = f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"
            message = f"Seconds go up to 59: did you mean {meant}?"
        else:
            message = "With hours, give the minutes two digits up to 59, for example 1:05:00."
    else:
        message = (
            "Enter the duration as minutes:seconds, for example 4:05, or as "
            "hours:minutes:seconds for a track over an hour, for example 1:05:00."
        )
    raise ValidationError(message, code="invalid_duration")


def track_title_key(title):
    """What makes two track titles the same: compatible Unicode forms (composed or not,
    full-width or not), case, spacing and characters that take no space aside."""
    visible = unicodedata.normalize("NFKC", title).translate(INVISIBLE_CHARACTERS)
    return " ".join(visible.casefold().split())


def validate_visible_title(value):
    """Refuses a title of nothing but spaces and characters that take no space."""
    if not track_title_key(value):
        raise ValidationError("Give the track a title that can be read.", code="blank_title")


def prose(block, value):
    """The text an editor wrote in a block's value, rich text without its tags.

    A regular expression strips the tags: the editor's HTML is well formed, and an
    HTML parser would cost more than the rest of a review's serialisation.
    """
    if isinstance(block, blocks.RichTextBlock):
        yield HTML_TAG.sub(" ", value.source)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from prose(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from prose(block.child_block, item)
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock) and value:
        yield value


class BlankAsNullMixin:
    """In the API, a struct block's optional fields left blank are null, as unset ones are."""

    def get_api_representation(self, value, context=None):
        representation = super().get_api_representation(value, context=context)
        for name, block in self.child_blocks.items():
            if not block.required and representation.get(name) == "":
                representation[name] = None
        return representation


class ReviewTextBlock(blocks.RichTextBlock):
    """Review prose, with the review's rich text features; in the API, sanitised, and
    without what the public may not see."""

    def __init__(self, **kwargs):
        super().__init__(
            features=REVIEW_TEXT_FEATURES,
            max_length=REVIEW_TEXT_MAX_LENGTH,
            validators=[validate_storable_text, validate_references],
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        # A draft may hold an empty paragraph the editor has yet to write.
        if not self.is_deferred_validation:
            validate_has_words(value.source)
        return value

    def get_api_representation(self, value, context=None):
        # Every format the API gives (HTML, Markdown, Wagtail's own) is made from this.
        source = public_source(sanitised(value.source))
        return super().get_api_representation(RichText(source), context)


class IntroBlock(ReviewTextBlock):
    """The opening of the review: what the score is and why it matters.

    Example:
    {"type": "intro", "id": "…", "value": "<p>Few scores are woven into a film…</p>"}
    """

    class Meta:
        icon = "pilcrow"
        label = "Intro"
        description = "Opens the review. Every review starts with exactly one intro."
        preview_value = RichText(
            "<p>Few scores are woven into their film as closely as this one: "
            "the music carries the story as much as the pictures do.</p>"
        )


class TrackCommentaryBlock(BlankAsNullMixin, blocks.StructBlock):
    """Commentary on one track of the soundtrack.

    Example:
    {
        "type": "track_commentary",
        "id": "…",
        "value": {
            "track_title": "Photograph",
            "track_number": 3,
            "artists": [],
            "duration": "2:42",
            "duration_seconds": 162,
            "scene": "Theodore looks back on his marriage",
            "commentary": "<p>Long chords, then a pause…</p>",
            "quote": null,
            "listening_link": null
        }
    }
    """

    track_title = blocks.CharBlock(
        max_length=200, validators=[validate_visible_title], help_text="As printed on the album."
    )
    track_number = blocks.IntegerBlock(
        required=False, min_value=1, max_value=999, help_text="Its place on the album."
    )
    artists = blocks.ListBlock(
        blocks.CharBlock(label="Artist", max_length=200),
        default=[],
        label="Artist(s)",
        help_text="Only where they differ from the film's composers.",
    )
    duration = blocks.CharBlock(
        required=False,
        max_length=DURATION_MAX_LENGTH,
        validators=[validate_duration],
        help_text="Minutes and seconds, for example 4:05; for a track over an hour, 1:05:00.",
    )
    scene = blocks.CharBlock(
        required=False,
        max_length=255,
        label="Where it plays in the film",
        help_text="The scene or moment, in a few words.",
    )
    commentary = ReviewTextBlock()
    quote = blocks.CharBlock(
        required=False,
        max_length=280,
        label="Standout quote",
        help_text="A line from the commentary to pull out.",
    )
    listening_link = blocks.URLBlock(
        required=False, help_text="Where readers can listen to the track."
    )

    def get_api_representation(self, value, context=None):
        representation = super().get_api_representation(value, context=context)
        duration = value["duration"]
        representation["duration_seconds"] = duration_in_seconds(duration)
        # The admin accepts web addresses only; other ways in might not have checked.
        link = representation["listening_link"]
        if link and urlsplit(link).scheme.lower() not in ("http", "https"):
            representation["listening_link"] = None
        return representation

    class Meta:
        icon = "music"
        label = "Track commentary"
        template = "content/blocks/track_commentary.html"
        label_format = "{track_title}"
        description = "Commentary on one track. Add one for each track the review discusses."
        preview_value = {
            "track_title": "Sleepwalker",
            "track_number": 1,
            "duration": "3:34",
            "scene": "The opening titles",
            "commentary": RichText(
                "<p>A hesitant figure on the piano sets a curious mood for all that follows.</p>"
            ),
        }


class ConclusionBlock(BlankAsNullMixin, blocks.StructBlock):
    """The review's closing thoughts and, optionally, a one-line verdict.

    Example:
    {
        "type": "conclusion",
        "id": "…",
        "value": {"text": "<p>Music that serves its story…</p>", "verdict": "Bittersweet."}
    }
    """

    text = ReviewTextBlock()
    verdict = blocks.CharBlock(
        required=False,
        max_length=140,
        label="One-line verdict",
        help_text="The review in a sentence, shown beside the rating.",
    )

    class Meta:
        icon = "openquote"
        label = "Conclusion"
        template = "content/blocks/conclusion.html"
        description = "Closes the review. At most one, and it comes last."
        preview_value = {
            "text": RichText("<p>These tracks serve the story and stand on their own.</p>"),
            "verdict": "Bittersweet, and now and then hopeful.",
        }


class ReviewBodyBlock(blocks.StreamBlock):
    """A review's body: one intro first, track commentaries, at most one conclusion last."""

    intro = IntroBlock()
    track_commentary = TrackCommentaryBlock()
    conclusion = ConclusionBlock()

    class Meta:
        # The editor warns beyond this, saving is refused, and one form post carries it.
        block_counts = {"track_commentary": {"max_num": MAX_TRACKS_PER_REVIEW}}
        # A review opens as its outline: each block collapsed to its label (a track's
        # title, the first words of the intro and conclusion); a block added opens.
        collapsed = True

    def value_from_datadict(self, data, files, prefix):
        # Wagtail skips blocks of a type it does not know, and would save the rest: the
        # types are kept here, so that clean() refuses the whole body instead.
        try:
            value = super().value_from_datadict(data, files, prefix)
            posted_types = {
                data[f"{prefix}-{index}-type"]
                for index in range(int(data[f"{prefix}-count"]))
                if not data[f"{prefix}-{index}-deleted"]
            }
        except (KeyError, ValueError):
            value, posted_types = StreamValue(self, []), {"(unreadable)"}
        value.unknown_block_types = sorted(posted_types - set(self.child_blocks))
        return value

    def clean(self, value):
        unknown_block_types = getattr(value, "unknown_block_types", [])
        # The rules below are checked even where a block has errors of its own, so that
        # the editor sees every message at once.
        try:
            value = super().clean(value)
            block_errors, non_block_errors = {}, ErrorList()
        except StreamBlockValidationError as error:
            block_errors, non_block_errors = dict(error.block_errors), error.non_block_errors
        if unknown_block_types:
            non_block_errors.append(
                ValidationError(
                    f"This body has blocks of an unknown type ({', '.join(unknown_block_types)}):"
                    " nothing was saved."
                )
            )
        # A draft saves in any state: the rules of a review's shape hold on publishing and
        # on submitting for moderation, and a saved draft lists what they still ask.
        if not self.is_deferred_validation:
            non_block_errors.extend(self.shape_errors(value))
            for index, error in self.repeated_track_errors(value).items():
                block_errors.setdefault(index, error)

        if non_block_errors or block_errors:
            raise StreamBlockValidationError(
                block_errors=block_errors, non_block_errors=non_block_errors
            )
        return value

    @staticmethod
    def shape_errors(value):
        """What is wrong with the order and count of a body's blocks."""
        block_types = [child.block_type for child in value]
        if block_types.count("intro") != 1 or block_types[:1] != ["intro"]:
            yield ValidationError("Start the review with exactly one intro block.")
        if "track_commentary" not in block_types:
            yield ValidationError("Add at least one track commentary.")
        if block_types.count("conclusion") > 1:
            yield ValidationError("A review has at most one conclusion.")
        elif "conclusion" in block_types and block_types[-1] != "conclusion":
            yield ValidationError("Move the conclusion to the end of the review.")

    @staticmethod
    def repeated_track_errors(value):
        """Errors for the track commentaries whose track an earlier one discusses, by
        block index."""
        errors, seen_titles = {}, set()
        for index, child in enumerate(value):
            if child.block_type != "track_commentary":
                continue
            title = track_title_key(child.value["track_title"] or "")
            if title and title in seen_titles:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "track_title": ValidationError(
                            "This track already has a commentary in this review."
                        )
                    }
                )
            seen_titles.add(title)
        return errors

    def publication_problems(self, value):
        """What keeps a draft's body from being published, as sentences for the editor:
        the rules a draft may defer, each with the block it concerns."""
        try:
            self.clean(value)
        except StreamBlockValidationError as error:
            problems = [message for e in error.non_block_errors.as_data() for message in e]
            for index, block_error in sorted(error.block_errors.items()):
                child = value[index]
                name = child.block.label
                if child.block_type == "track_commentary" and child.value["track_title"]:
                    name = f"{name} “{child.value['track_title']}”"
                problems.extend(f"{name}: {message}" for message in messages(block_error))
            return problems
        return []


def messages(error):
    """The messages of a block's validation error, each with the field (or the item of a
    list) it is about."""
    if isinstance(error, StructBlockValidationError | ListBlockValidationError):
        yield from (message for e in error.non_block_errors.as_data() for message in e)
        for key, child_error in error.block_errors.items():
            place = f"item {key + 1}" if isinstance(key, int) else key.replace("_", " ")
            yield from (f"{place}: {message}" for message in messages(child_error))
    else:
        yield from error.messages
