"""Structured reviews written as drafts: the film matched or created, the body checked
by its own rules, the points the editor should check listed."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from wagtail.blocks import StreamBlockValidationError
from wagtail.rich_text import RichText

from content.blocks import ReviewBodyBlock
from content.models import FilmReviewPage
from content.snippets import Film

from .models import ImportedReview
from .prose import structure, teaser_from, title_key
from .readers import read_review

# How a headline names its film: “Her” Soundtrack Review: …, Review: Her (2013),
# Soundtrack review – Her, Her (2013) …, Her OST review.
HEADLINE_FILMS = [
    re.compile(r"^[“\"]([^”\"]+)[”\"]"),
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
]
YEAR = re.compile(r"\((\d{4})\)")


# Why a review imported before is skipped when the source has not changed.
UNCHANGED = "imported before, unchanged"


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


def film_named_in(headline):
    """``(title, year)`` of the film a headline names, either None where it names none."""
    for pattern in HEADLINE_FILMS:
        if match := pattern.search(headline):
            groups = match.groupdict()
            title = groups.get("title") or match[1]
            year = groups.get("year") or (found[1] if (found := YEAR.search(headline)) else None)
            return title.strip(" :–-"), int(year) if year else None
    return None, None


class FilmIndex:
    """The films by their title's key (any case, with or without accents), read once for
    a run of imports, so that a large export does not read every film for every post."""

    def __init__(self):
        self.films = None

    def find(self, title):
        if self.films is None:
            self.films = {title_key(film.title): film for film in Film.objects.all()}
        return self.films.get(title_key(title))

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


def review_source_from_file(path, format=None, film_title=None):
    """The review in a single file, recognised again by the digest of its content."""
    headline, paragraphs = read_review(path, format)
    with open(path, encoding="utf-8-sig") as file:
        digest = digest_of(file.read())
    return ReviewSource(f"sha256:{digest}", headline, paragraphs, digest, film_title)


def import_review(review_source, parent, dry_run=False, films=None, user=None):
    """Writes one review as a draft under ``parent``, by ``user`` if given; returns what
    it did. A review imported before is updated, while the editor has not changed its
    draft since."""
    record = ImportedReview.objects.filter(source=review_source.source).first()
    headline = review_source.headline
    if record is not None:
        page = record.page
        if record.digest == review_source.digest:
            return Outcome("skipped", page.title, page, reasons=[UNCHANGED])
        if page.latest_revision_id != record.revision_id:
            reasons = ["an editor has changed the draft since it was imported"]
            return Outcome("skipped", page.title, page, reasons=reasons)

    if not review_source.paragraphs:
        return Outcome("refused", headline, reasons=["it has no text"])
    named_title, year = film_named_in(headline)
    film_title = review_source.film_title or named_title
    if not film_title:
        return Outcome("refused", headline, reasons=["the headline names no film: use --film"])
    review = structure(review_source.paragraphs, film_title)
    if not review.intro:
        reason = "it discusses a track from its first words: there is no intro to take"
        return Outcome("refused", headline, reasons=[reason])
    points = list(review.points_to_check)
    block = ReviewBodyBlock()
    body = block.normalize(body_of(review))
    try:
        block.clean(body)
    except StreamBlockValidationError as error:
        return Outcome("refused", headline, reasons=messages_of(error))

    films = films or FilmIndex()
    film = films.find(film_title)
    if film is None and year is None:
        points.append(
            f"No film “{film_title}” exists, nor does the headline give its year: choose it."
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
