"""Structured reviews written as drafts: the film matched or created, the body checked
by its own rules, the points the editor should check listed."""

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from wagtail.blocks import StreamBlockValidationError
from wagtail.rich_text import RichText

from content.blocks import ReviewBodyBlock
from content.models import FilmReviewPage
from content.snippets import Film

from .models import ImportedReview
from .prose import blog_rating, structure, teaser_from, title_key
from .readers import read_review

# How a headline names its film: “Her” Soundtrack Review: …, Review: Her (2013),
# Soundtrack review – Her, Her (2013) …, Her OST review, Her review – …, Listening diary
# #14: Her.
QUOTED_FILM = re.compile(r"^[“\"]([^”\"]+)[”\"]")
HEADLINE_FILMS = [
    QUOTED_FILM,
    re.compile(
        r"^(?:(?:soundtrack|score|ost)\s+)?review\s*[:–—-]\s*"
        r"(?P<title>.+?)(?:\s*\((?P<year>\d{4})\))?\s*$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<title>.+?)\s*\((?P<year>\d{4})\)"),
    re.compile(
        r"^(?P<title>.+?)\s+(?:original\s+)?(?:motion\s+picture\s+)?"
        r"(?:score|soundtrack|ost)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<title>.+?)\s+review\b", re.IGNORECASE),
    re.compile(
        r"^[^:]*\b(?:soundtrack|score|ost|spotlight|diary|listening)\b[^:]*:\s*"
        r"(?P<title>.+?)(?:\s*\((?P<year>\d{4})\))?\s*$",
        re.IGNORECASE,
    ),
]
YEAR = re.compile(r"\((\d{4})\)")
# A film as an editor names it: a title, and its year in brackets if they like.
GIVEN_FILM = re.compile(r"^(?P<title>.+?)(?:\s*\((?P<year>\d{4})\))?$")
# Words that are no film's title alone.
LITTLE_WORDS = {"a", "an", "the", "this", "that", "my", "our", "their"}
# A label before the headline: [Review] …
LEADING_LABEL = re.compile(r"^\[[^\]]*\]\s*")
# Words of a label, not of a film's title.
LABEL_WORDS = re.compile(
    r"\b(?:review|soundtrack|score|ost|spotlight|diary|listening)\b", re.IGNORECASE
)
# What sets a film's title apart from the composer or a subtitle: a dash or a bar, or
# "by" before a name of two words or more.
TITLE_SEPARATOR = re.compile(r"\s+[–—|-]\s+|\s+by\s+(?=(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z])")
# A composer's name before the title: Hans Zimmer's Dunkirk.
POSSESSIVE_NAME = re.compile(r"^(?:[A-Z][\w.-]*\s+){1,3}[A-Z][\w.-]*['’]s\s+")


# Why a review imported before is skipped: the source has not changed, or an editor has
# changed the draft.
UNCHANGED = "imported before, unchanged"
EDITED = "an editor has changed the draft since it was imported"
# How the point to check begins when a review comes in without its film.
NO_FILM = "No film"
# The key the admin's rich text editor gives each paragraph.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
# What a revision records that changes with every save, unchanged or not.
SAVE_DETAILS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "live",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "locked",
    "locked_at",
    "locked_by",
}


@dataclass
class Outcome:
    """What importing one review did: created, skipped or refused, and why."""

    action: str
    title: str
    page: FilmReviewPage | None = None
    points_to_check: list = field(default_factory=list)
    # Why it was skipped or refused.
    reasons: list = field(default_factory=list)

    def as_json(self):
        return {
            "action": self.action,
            "title": self.title,
            "page_id": self.page.pk if self.page else None,
            "reasons": self.reasons,
            "points_to_check": self.points_to_check,
        }


def film_named_in(headline, films=None):
    """``(title, year)`` of the film a headline names, either None where it names none.
    Where the title has a label or the composer beside it (Arrival – Jóhann Jóhannsson,
    Soundtrack Spotlight: Moon, Oppenheimer by Ludwig Göransson), a film ``films`` knows
    is preferred, then the part that is no label."""
    if label := LEADING_LABEL.match(headline):
        headline = headline[label.end() :]
        if LABEL_WORDS.search(label[0]):  # [Review] Her – …, as Review: Her – …
            headline = f"Review: {headline}"
    for pattern in HEADLINE_FILMS:
        if match := pattern.search(headline):
            groups = match.groupdict()
            title = (groups.get("title") or match[1]).strip(" :–-")
            year = groups.get("year") or (found[1] if (found := YEAR.search(headline)) else None)
            if pattern is not QUOTED_FILM:
                title = film_title_among(title, films)
            if not looks_like_a_title(title):  # "Late-night listening: a score for walks"
                continue
            return title, int(year) if year else None
    return None, None


def looks_like_a_title(title):
    """Whether words read from a headline can be a film's title: they begin with a
    capital or a digit, and are more than a little word."""
    first = title[:1]
    return (first.isupper() or first.isdigit()) and title.casefold() not in LITTLE_WORDS


def film_title_among(title, films):
    """The film's title, out of a headline's title with labels and names beside it."""
    title = POSSESSIVE_NAME.sub("", title)
    pieces = TITLE_SEPARATOR.split(title)
    if films is not None:
        for candidate in (title, *pieces, *(p for piece in pieces for p in piece.split(": "))):
            if films.find(candidate):
                return candidate
        # A known film at the end of the words: "Listening to Jaws (1975) on vinyl".
        key = title_key(title)
        for film_key, film in films.items():
            if key.endswith(f" {film_key}"):
                return film.title
    # A colon may be the title's own (Dune: Part Two) or follow a label (Spotlight: Moon).
    unlabelled = [
        ": ".join(part for part in piece.split(": ") if not LABEL_WORDS.search(part))
        for piece in pieces
    ]
    return next((piece for piece in unlabelled if piece), pieces[0]).strip(" :–-")


class FilmIndex:
    """The films by their title's key (any case, with or without accents), read once for
    a run of imports, so that a large export does not read every film for every post."""

    def __init__(self):
        self.films = None

    def find(self, title):
        if self.films is None:
            self.films = {title_key(film.title): film for film in Film.objects.all()}
        return self.films.get(title_key(title))

    def keys(self):
        """The title keys of every film."""
        return self.all().keys()

    def items(self):
        """``(title key, film)`` of every film."""
        return self.all().items()

    def all(self):
        self.find("")
        return self.films

    def add(self, film):
        self.find(film.title)
        self.films[title_key(film.title)] = film


def body_of(review):
    """The StreamField value of a structured review."""

    def paragraphs(items):
        return RichText("".join(f"<p>{item}</p>" for item in items))

    body = [("intro", paragraphs(review.intro))]
    body += [
        (
            "track_commentary",
            {"track_title": track.title, "commentary": paragraphs(track.paragraphs)},
        )
        for track in review.tracks
    ]
    if review.conclusion:
        body.append(("conclusion", {"text": paragraphs(review.conclusion), "verdict": ""}))
    return body


def digest_of(text):
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class ReviewSource:
    """One review to import: where it came from, and what it says."""

    source: str
    headline: str
    paragraphs: list
    digest: str
    film_title: str | None = None
    tags: list = field(default_factory=list)
    hero_image: object = None
    # What reading it found for the editor to check.
    points_to_check: list = field(default_factory=list)


def review_source_from_file(path, format=None, film_title=None):
    """The review in a single file, recognised again by the digest of its content."""
    headline, paragraphs = read_review(path, format)
    points = []
    if not headline:
        headline = " ".join(re.split(r"[-_\s]+", Path(path).stem)).strip().capitalize()
        points.append("The file has no headline: it was made from the file's name.")
    with open(path, encoding="utf-8-sig") as file:
        text = file.read()
    # Known by its text; imported again when the film given for it changes.
    return ReviewSource(
        f"sha256:{digest_of(text)}",
        headline,
        paragraphs,
        digest_of(f"{text}\n{film_title or ''}"),
        film_title,
        points_to_check=points,
    )


def import_review(review_source, parent, dry_run=False, films=None, user=None):
    """Writes one review as a draft under ``parent``, by ``user`` if given; returns what
    it did. A review imported before is updated, while the editor has not changed its
    draft since."""
    record = ImportedReview.objects.filter(source=review_source.source).first()
    headline = review_source.headline
    if record is not None:
        page = record.page
        if edited_since_import(page, record):
            return Outcome("skipped", page.title, page, reasons=[EDITED])
        if record.digest == review_source.digest:
            return Outcome("skipped", page.title, page, reasons=[UNCHANGED])

    if not review_source.paragraphs:
        return Outcome("refused", headline, reasons=["it has no text"])
    films = films or FilmIndex()
    if review_source.film_title:  # as the editor names it: Her, or Her (2013)
        given = GIVEN_FILM.match(review_source.film_title.strip())
        film_title, year = given["title"], int(given["year"]) if given["year"] else None
    else:
        film_title, year = film_named_in(headline, films)
    paragraphs, rating, rating_as_written = blog_rating(review_source.paragraphs)
    review = structure(paragraphs, film_title, films.keys())
    if not review.intro:
        reason = "it discusses a track from its first words: there is no intro to take"
        return Outcome("refused", headline, reasons=[reason])
    points = review_source.points_to_check + review.points_to_check
    if rating is not None:
        points.append(f"The blog rated it “{rating_as_written}”: rated {rating.normalize()} / 5.")
    block = ReviewBodyBlock()
    body = block.normalize(body_of(review))
    try:
        block.clean(body)
    except StreamBlockValidationError as error:
        return Outcome("refused", headline, reasons=messages_of(error))

    film = films.find(film_title) if film_title else None
    if not film_title:
        points.append(f"{NO_FILM}: the headline names none. Choose it in the draft.")
    elif film is None and year is None:
        points.append(
            f"{NO_FILM}: none is called “{film_title}”, and the headline gives no year "
            "to add it with. Choose it in the draft."
        )
    elif film is None:
        added = "is to be added" if dry_run else "was added"
        points.append(f"The film “{film_title}” ({year}) {added}: complete its credits.")
    action = "updated" if record else "created"
    if dry_run:
        return Outcome(f"would be {action}", headline, record.page if record else None, points)

    with transaction.atomic():
        if film is None and year is not None:
            film = Film.objects.create(title=film_title, release_year=year)
            films.add(film)
        page = record.page if record else FilmReviewPage(slug=unique_slug(parent, headline))
        page.title = headline
        page.film = film
        page.teaser = teaser_from(review.intro, FilmReviewPage._meta.get_field("teaser").max_length)
        page.body = body
        page.hero_image = review_source.hero_image or page.hero_image
        page.rating = rating if rating is not None else page.rating
        page.tags.set(review_source.tags)
        if record is None:
            page.live = False
            parent.add_child(instance=page)
        # A draft, checked as an editor's is: the body by its rules above, while the
        # film may wait for the editor.
        revision = page.save_revision(user=user, clean=False)
        ImportedReview.objects.update_or_create(
            source=review_source.source,
            defaults={"page": page, "digest": review_source.digest, "revision": revision},
        )
    return Outcome(action, headline, page, points)


def edited_since_import(page, record):
    """Whether an editor has changed the review since it was imported: a later revision
    that differs from the imported one (a save that changed nothing is no change)."""
    if page.latest_revision_id == record.revision_id:
        return False
    if record.revision is None:
        return True
    imported, latest = record.revision.content, page.get_latest_revision().content
    keys = (imported.keys() | latest.keys()) - SAVE_DETAILS
    return any(comparable(imported.get(key)) != comparable(latest.get(key)) for key in keys)


def comparable(value):
    """A revision's value as an editor sees it: the admin, saving what it loaded, adds
    block keys to rich text, writes a block's empty fields out, and orders tags its own
    way. Ids and empty values aside, and those keys, the same value is the same."""
    if isinstance(value, str):
        if value[:1] in "[{":
            try:
                return comparable(json.loads(value))
            except ValueError:
                pass
        return BLOCK_KEY.sub("", value)
    if isinstance(value, dict):
        return {
            key: comparable(item)
            for key, item in value.items()
            if key not in ("id", "pk") and item not in (None, "", [], {})
        }
    if isinstance(value, list):
        items = [comparable(item) for item in value]
        if all(isinstance(item, dict) and "tag" in item for item in items):  # tags: a set
            items.sort(key=repr)
        return items
    return value


def unique_slug(parent, headline):
    base = slugify(unicodedata.normalize("NFKD", headline))[:200] or "review"
    slug, number = base, 1
    while parent.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def messages_of(error):
    """The sentences a body's validation error holds, each block's too."""
    messages = [str(message) for message in error.non_block_errors]
    for index, block_error in sorted(error.block_errors.items()):
        messages.append(f"Block {index + 1}: {' '.join(block_error.messages)}")
    return messages
