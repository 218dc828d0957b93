"""A review written as prose, turned into the review's structure: the intro, one
commentary per track, the conclusion.

Blog reviews name the tracks they discuss in double quotes, straight or curly, often
with the sentence's comma or full stop inside (“Sleepwalker,”), and sometimes with the
opening quote lost at the start of a paragraph (Title” is the plainest piece…). The
film's own title is quoted too, and is no track. The paragraphs before the first track
named are the intro; the last paragraph, when it names no new track, is the conclusion
(with the paragraphs before it that open with a closing phrase, "Overall, …").

Not every quoted phrase is a track: a line of dialogue or a critic's words, scare
quotes ("epic"), another film's or an album's title. Those are told by their shape (no
capital, a sentence or more), by the word before them (the film "…", she says "…") or
by being a known film's title, and listed for the editor to check. So is whatever else
the reading cannot settle.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

# A quoted phrase: curly quotes, or straight ones.
# Curly or straight, German („…“) or French («…»), even mismatched ("…”).
QUOTED = re.compile(
    r"“([^“”\"]{1,200})[”\"]|„([^“”„]{1,200})[“”]|\"([^\"“”]{1,200})[\"”]|«\s?([^«»]{1,200}?)\s?»"
)
# Single quotes, as British blogs quote titles: an apostrophe inside a title (‘Mia’s
# Theme’) is one, followed by a letter.
SINGLE_QUOTED = re.compile(
    r"(?<!\w)[‘']([A-Z0-9](?:[^‘’'\n]|[’'](?=[A-Za-z])){0,120}?)[’'](?![A-Za-z])"
)
# A title whose opening quote is missing, at the start of a paragraph.
UNOPENED_TITLE = re.compile(r"^([^“”\"„«»]{1,100}?)([”\"“»])(?=\s|$)")
# The opening quote of each closing one.
OPENING_QUOTE = {"”": "“", '"': '"', "“": "„", "»": "«"}
# Where a sentence ends: after . ! or ?, and a closing quote or bracket if any.
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"“’»)]))\s+(?=[“\"„«‘'(A-Z0-9])")
TAG = re.compile(r"<[^>]*>")
# The words before a quote that make it no track title: another work's title, or words
# someone says or writes.
WORK_OR_WORDS_BEFORE = re.compile(
    r"\b(?:film|movie|picture|documentary|series|episode|album|LP|book|novel|game|musical|"
    r"says?|said|saying|asks?|asked|tells?|told|whispers?|whispered|shouts?|shouted|"
    r"cries|cried|replies|replied|line|lines|quote|quoted|tagline|wrote|writes|dubbed|"
    r"nicknamed|work on|score (?:for|to)|sequel to|remake of)[\s,:–—-]{0,3}$",
    re.IGNORECASE,
)
# The words after a quote that make it someone's words: the "…" line.
WORDS_AFTER = re.compile(r"^[\s,]*(?:line|lines|quote|speech|monologue)\b", re.IGNORECASE)
# More words than a track title has: a quotation.
MOST_WORDS_IN_A_TITLE = 12
# Marks typed either way: curly or straight apostrophes, dashes of any length.
SAME_MARKS = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
# Words that end in a full stop mid-sentence.
ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Mt|Jr|Sr|vs|No|Vol|feat|ft|etc)\.$", re.IGNORECASE)
# How a closing paragraph often opens.
CLOSING_PHRASES = (
    "all in all",
    "in the end",
    "in conclusion",
    "overall",
    "to sum up",
    "ultimately",
    "in short",
    "altogether",
)


# A paragraph that is the blog's rating: "Rating: 8/10", "4.5 out of 5 stars", "★★★★½".
RATING = re.compile(
    r"^(?:(?:my |our |final )?(?:rating|score|verdict|grade|mark)\s*[:–—-]?\s*)?"
    r"(?:(?P<value>\d{1,3}(?:[.,]\d)?)\s*(?:/|out of)\s*(?P<scale>5|10|100)(?:\s*stars)?"
    r"|(?P<stars>★{1,5}½?)☆*)[.!]?$",
    re.IGNORECASE,
)


@dataclass(eq=False)
class TrackCommentary:
    title: str
    paragraphs: list = field(default_factory=list)


@dataclass
class StructuredReview:
    """A review's parts, each a list of paragraphs of inline HTML."""

    intro: list = field(default_factory=list)
    tracks: list = field(default_factory=list)
    conclusion: list = field(default_factory=list)
    points_to_check: list = field(default_factory=list)


def text_of(fragment):
    """The words of an HTML fragment, without its tags."""
    return html.unescape(TAG.sub("", fragment))


def title_key(title):
    """What makes two titles the same: case, accents, spacing and quotes aside."""
    decomposed = unicodedata.normalize("NFKD", title.translate(SAME_MARKS))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split()).strip(" ,.;:")


def clean_title(title):
    """A quoted title without the sentence's comma or full stop that the quotes took in."""
    return " ".join(title.split()).rstrip(",.;:").strip()


def quoted_phrase(match):
    """The words inside the quotes a pattern's match found."""
    return next(group for group in match.groups() if group is not None)


def unopened_title(text):
    """The match of a title that opens a paragraph without its opening quote, or None;
    not a measure in inches (a 12" record)."""
    match = UNOPENED_TITLE.match(text)
    if match and not (match.group(2) == '"' and match.group(1)[-1:].isdigit()):
        return match
    return None


class QuoteReader:
    """Tells the quoted phrases that are track titles from the others, in a review of
    the film ``film_title``; ``other_films`` are the title keys of films it is not.
    ``pattern`` finds the quotes: double quotes, or single ones."""

    def __init__(self, film_title, other_films=frozenset(), pattern=QUOTED):
        self.film = title_key(film_title or "")
        self.other_films = other_films
        self.pattern = pattern

    def quotes(self, text, at_paragraph_start=False):
        """``(phrase, is_track)`` for each quoted phrase of plain text, in order, with the
        title that opens a paragraph without its quote; never the film's own title."""
        found = []
        unopened = at_paragraph_start and self.pattern is QUOTED and unopened_title(text)
        if unopened:
            found.append((clean_title(unopened.group(1)), "", text[unopened.end() :]))
        for match in self.pattern.finditer(text):
            phrase = clean_title(quoted_phrase(match))
            found.append((phrase, text[: match.start()], text[match.end() :]))
        return [
            (phrase, self.is_track(phrase, before, after))
            for phrase, before, after in found
            if phrase and title_key(phrase) != self.film
        ]

    def titles(self, text, at_paragraph_start=False):
        """The track titles a piece of plain text names, in order."""
        return [phrase for phrase, is_track in self.quotes(text, at_paragraph_start) if is_track]

    def is_track(self, phrase, before, after):
        first_letter = next((char for char in phrase if char.isalpha()), "")
        return not (
            first_letter.islower()
            or len(phrase.split()) > MOST_WORDS_IN_A_TITLE
            or len(sentences(phrase)) > 1
            or WORK_OR_WORDS_BEFORE.search(before)
            or WORDS_AFTER.match(after)
            or title_key(phrase) in self.other_films
            or self.is_franchise(phrase)
        )

    def is_franchise(self, phrase):
        """Whether the phrase is the title the film's begins with: the original of a
        sequel (“Dune” in a review of Dune: Part Two)."""
        key = title_key(phrase)
        return self.film.startswith(key) and not self.film[len(key) : len(key) + 1].isalnum()


def sentences(fragment):
    """The sentences of a paragraph of inline HTML, each with its tags, or the whole
    paragraph where a sentence would cut a tag in two. A full stop inside quotes (“St.
    Elmo's Fire”) or after an abbreviation (Mr. Reznor) ends no sentence."""
    pieces = []
    for piece in SENTENCE_END.split(fragment):
        if pieces and (open_quote(pieces[-1]) or ABBREVIATION.search(pieces[-1])):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    if all(piece.count("<") == piece.count(">") and balanced(piece) for piece in pieces):
        return [piece.strip() for piece in pieces if piece.strip()]
    return [fragment]


def open_quote(fragment):
    """Whether a quote opened in the fragment is still open at its end."""
    rest = QUOTED.sub("", text_of(fragment))
    return any(mark in rest for mark in "“„«") or rest.count('"') % 2 == 1


def balanced(fragment):
    opened = re.findall(r"<([a-z]+)[\s>]", fragment)
    closed = re.findall(r"</([a-z]+)>", fragment)
    return sorted(opened) == sorted(closed)


def structure(paragraphs, film_title, other_films=frozenset()):
    """The review that ``paragraphs`` (inline HTML, blog boilerplate gone) make, of the
    film ``film_title``; ``other_films`` are the title keys of the films it is not."""
    review = StructuredReview()
    reader = QuoteReader(film_title, other_films)
    naming = names_tracks(reader, paragraphs)
    if not any(naming):
        # No title in double quotes: perhaps in single ones, as British blogs write.
        single = QuoteReader(film_title, other_films, SINGLE_QUOTED)
        if any(single_naming := names_tracks(single, paragraphs)):
            reader, naming = single, single_naming
            review.points_to_check.append("The tracks were read from titles in single quotes.")
    set_aside = {
        phrase: None
        for paragraph in paragraphs
        for phrase, is_track in reader.quotes(text_of(paragraph), True)
        if not is_track
    }
    if set_aside:
        phrases = ", ".join(f"“{phrase}”" for phrase in set_aside)
        review.points_to_check.append(f"Quoted, but not taken for tracks: {phrases}.")

    # The first paragraph is the intro, whatever it names in passing, unless the review
    # discusses its tracks nowhere else.
    first_track = next((i for i, names in enumerate(naming) if names and i > 0), None)
    if first_track is None and naming[:1] == [True]:
        first_track = 0
    if first_track is None:
        review.points_to_check.append("No track is named in quotes.")
        review.intro = list(paragraphs)
        return review

    review.intro = list(paragraphs[:first_track])
    body = list(paragraphs[first_track:])
    conclusion_start = closing_paragraphs(body, reader)
    review.conclusion = body[conclusion_start:]
    known = {}  # title key: TrackCommentary
    current = None
    for paragraph in body[:conclusion_start]:
        current = read_paragraph(review, known, paragraph, reader, current)
    in_passing = {
        title: None
        for paragraph in review.intro
        for title in reader.titles(text_of(paragraph), True)
        if title_key(title) not in known
    }
    if in_passing:
        titles = ", ".join(f"“{title}”" for title in in_passing)
        review.points_to_check.append(
            f"The intro names {titles} in passing: no commentary of its own."
        )
    if not review.intro:
        review.points_to_check.append(
            "The first paragraph already discusses a track: write an intro."
        )
    if not review.conclusion:
        review.points_to_check.append(
            "No closing paragraph was found: the review has no conclusion."
        )
    return review


def names_tracks(reader, paragraphs):
    """For each paragraph, whether it names a track."""
    return [bool(reader.titles(text_of(paragraph), True)) for paragraph in paragraphs]


def closing_paragraphs(body, reader):
    """Where the conclusion starts in the paragraphs from the first track on: the last
    one, if it names no track not named before, and the ones before it that open with
    a closing phrase."""
    named_before = set()
    names = []
    for paragraph in body:
        titles = {title_key(title) for title in reader.titles(text_of(paragraph), True)}
        names.append(titles - named_before)
        named_before |= titles
    if len(body) < 2 or names[-1]:
        return len(body)
    start = len(body) - 1
    for index in range(len(body) - 2, 0, -1):
        if names[index]:
            break
        if text_of(body[index]).strip().casefold().startswith(CLOSING_PHRASES):
            start = index
    return start


def read_paragraph(review, known, paragraph, reader, current):
    """Gives each sentence of a paragraph to the track it discusses: the first new track
    it names, else the track being discussed. Returns the track discussed at its end."""
    if reader.pattern is QUOTED and (unopened := unopened_title(text_of(paragraph))):
        # The quote the blog lost, before the paragraph's first words.
        opening = OPENING_QUOTE[unopened.group(2)]
        paragraph = re.sub(r"^((?:\s|<[^>]+>)*)", rf"\g<1>{opening}", paragraph, count=1)
    pieces = sentences(paragraph)
    leading, assigned = [], []  # sentences before any track; (track, sentence)
    for sentence in pieces:
        text = text_of(sentence)
        titles = reader.titles(text)
        new = []
        for title in titles:
            key = title_key(title)
            if key not in known:
                known[key] = TrackCommentary(title)
                review.tracks.append(known[key])
                new.append(known[key])
        # A sentence that opens with a track's title is about that track.
        opening = reader.pattern.match(text)
        if opening and (subject := known.get(title_key(clean_title(quoted_phrase(opening))))):
            current = subject
        if new:
            current = new[0]
            if len(new) > 1:
                names = ", ".join(f"“{track.title}”" for track in new)
                review.points_to_check.append(
                    f"{names} are discussed together: the text is under each of them, to trim."
                )
                for track in new[1:]:
                    assigned.append((track, sentence))
        elif current is None and titles:
            current = known[title_key(titles[0])]
        if current is None:  # before the first track is named: still the intro
            leading.append(sentence)
            continue
        assigned.append((current, sentence))
    if leading:
        review.intro.append(" ".join(leading))
    # One paragraph for each track, its sentences in their order.
    for track in dict.fromkeys(track for track, _sentence in assigned):
        track.paragraphs.append(" ".join(s for t, s in assigned if t is track))
    return current


def blog_rating(paragraphs):
    """``(paragraphs, rating, as_written)``: the paragraphs without the one that is the
    blog's rating, and that rating out of five in half stars (None where there is none,
    or it is out of range)."""
    for index, paragraph in enumerate(paragraphs):
        as_written = text_of(paragraph).strip()
        if match := RATING.match(as_written):
            if match["stars"]:
                stars = Decimal(match["stars"].count("★")) + (Decimal("0.5") * ("½" in as_written))
            else:
                stars = Decimal(match["value"].replace(",", ".")) * 5 / int(match["scale"])
            rating = (stars * 2).quantize(Decimal("1")) / 2
            rest = paragraphs[:index] + paragraphs[index + 1 :]
            if Decimal("0.5") <= rating <= 5:
                return rest, rating.quantize(Decimal("0.1")), as_written
    return paragraphs, None, None


def teaser_from(intro, most):
    """The first sentence or two of the intro, within ``most`` characters."""
    words = text_of(" ".join(intro)).split()
    teaser = ""
    for sentence in SENTENCE_END.split(" ".join(words)):
        if len(teaser) + len(sentence) + 1 > most:
            break
        teaser = f"{teaser} {sentence}".strip()
    return teaser or " ".join(words)[: most - 1].rsplit(" ", 1)[0] + "…"
