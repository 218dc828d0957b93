"""A review written as prose, turned into the review's structure: the intro, one
commentary per track, the conclusion.

Blog reviews name the tracks they discuss in double quotes, straight or curly, often
with the sentence's comma or full stop inside (“Sleepwalker,”), and sometimes with the
opening quote lost at the start of a paragraph (Title” is the plainest piece…). The
film's own title is quoted too, and is no track. The paragraphs before the first track
named are the intro; the last paragraph, when it names no new track, is the conclusion
(with the paragraphs before it that open with a closing phrase, "Overall, …").
Whatever the reading cannot settle is listed as a point for the editor to check.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

# A quoted phrase: curly quotes, or straight ones.
QUOTED = re.compile(r"“([^“”]{1,200})”|\"([^\"]{1,200})\"")
# A title whose opening quote is missing, at the start of a paragraph.
UNOPENED_TITLE = re.compile(r"^([^“”\"]{1,100}?)([”\"])(?=\s|$)")
# Where a sentence ends: after . ! or ?, and a closing quote or bracket if any.
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+(?=[“\"(A-Z0-9])")
TAG = re.compile(r"<[^>]*>")
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
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split()).strip(" ,.;:")


def clean_title(title):
    """A quoted title without the sentence's comma or full stop that the quotes took in."""
    return " ".join(title.split()).rstrip(",.;:").strip()


def unopened_title(text):
    """The match of a title that opens a paragraph without its opening quote, or None;
    not a measure in inches (a 12" record)."""
    match = UNOPENED_TITLE.match(text)
    if match and not (match.group(2) == '"' and match.group(1)[-1:].isdigit()):
        return match
    return None


def quoted_titles(text, film_title, at_paragraph_start=False):
    """The track titles a piece of plain text names, in order: quoted phrases that are
    not the film's title, and the title that opens a paragraph without its quote."""
    titles = []
    if at_paragraph_start and (unopened := unopened_title(text)):
        titles.append(clean_title(unopened.group(1)))
    for match in QUOTED.finditer(text):
        titles.append(clean_title(match.group(1) or match.group(2)))
    film = title_key(film_title or "")
    return [title for title in titles if title and title_key(title) != film]


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
    text = text_of(fragment)
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def balanced(fragment):
    opened = re.findall(r"<([a-z]+)[\s>]", fragment)
    closed = re.findall(r"</([a-z]+)>", fragment)
    return sorted(opened) == sorted(closed)


def structure(paragraphs, film_title):
    """The review that ``paragraphs`` (inline HTML, blog boilerplate gone) make."""
    review = StructuredReview()
    known = {}  # title key: TrackCommentary
    first_track = next(
        (i for i, p in enumerate(paragraphs) if quoted_titles(text_of(p), film_title, True)),
        None,
    )
    if first_track is None:
        review.points_to_check.append("No track is named in double quotes.")
        review.intro = list(paragraphs)
        return review

    review.intro = list(paragraphs[:first_track])
    body = list(paragraphs[first_track:])
    conclusion_start = closing_paragraphs(body, film_title)
    review.conclusion = body[conclusion_start:]
    current = None
    for paragraph in body[:conclusion_start]:
        current = read_paragraph(review, known, paragraph, film_title, current)
    if not review.intro:
        review.points_to_check.append(
            "The first paragraph already discusses a track: write an intro."
        )
    if not review.conclusion:
        review.points_to_check.append(
            "No closing paragraph was found: the review has no conclusion."
        )
    return review


def closing_paragraphs(body, film_title):
    """Where the conclusion starts in the paragraphs from the first track on: the last
    one, if it names no track not named before, and the ones before it that open with
    a closing phrase."""
    named_before = set()
    names = []
    for paragraph in body:
        titles = {title_key(t) for t in quoted_titles(text_of(paragraph), film_title, True)}
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


def read_paragraph(review, known, paragraph, film_title, current):
    """Gives each sentence of a paragraph to the track it discusses: the first new track
    it names, else the track being discussed. Returns the track discussed at its end."""
    if unopened := unopened_title(text_of(paragraph)):
        # The quote the blog lost, before the paragraph's first words.
        opening = "“" if unopened.group(2) == "”" else '"'
        paragraph = re.sub(r"^((?:\s|<[^>]+>)*)", rf"\g<1>{opening}", paragraph, count=1)
    pieces = sentences(paragraph)
    leading, assigned = [], []  # sentences before any track; (track, sentence)
    for sentence in pieces:
        text = text_of(sentence)
        titles = quoted_titles(text, film_title)
        new = []
        for title in titles:
            key = title_key(title)
            if key not in known:
                known[key] = TrackCommentary(title)
                review.tracks.append(known[key])
                new.append(known[key])
        # A sentence that opens with a track's title is about that track.
        opening = QUOTED.match(text)
        if opening and (subject := known.get(title_key(clean_title(opening[1] or opening[2])))):
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


def teaser_from(intro, most):
    """The first sentence or two of the intro, within ``most`` characters."""
    words = text_of(" ".join(intro)).split()
    teaser = ""
    for sentence in SENTENCE_END.split(" ".join(words)):
        if len(teaser) + len(sentence) + 1 > most:
            break
        teaser = f"{teaser} {sentence}".strip()
    return teaser or " ".join(words)[: most - 1].rsplit(" ", 1)[0] + "…"
