"""The checks and the cleaning that a search's input gets before it reaches the backend."""

from wagtail.api.v2.utils import BadRequestError

# How the words of a search combine: every word must match, or any one of them.
SEARCH_OPERATORS = ("and", "or")
# What one search may hold: the backends' query parsers recurse once a word (a few hundred
# words overflow Python's stack), and nobody types more than this into a search box. 200
# characters, percent-encoded (9 bytes each for CJK), fit a server's 4 KB request line.
MAX_SEARCH_WORDS = 32
MAX_SEARCH_LENGTH = 200


def check_search_input(params):
    """Refuses, as a 400, search parameters that the backend would fail on."""
    operator = params.get("search_operator", "")
    if operator and operator not in SEARCH_OPERATORS:
        raise BadRequestError(f"search_operator must be {' or '.join(map(repr, SEARCH_OPERATORS))}")
    search = params.get("search", "")
    if len(search) > MAX_SEARCH_LENGTH:
        raise BadRequestError(f"search takes at most {MAX_SEARCH_LENGTH} characters")
    if len(search.split()) > MAX_SEARCH_WORDS:
        raise BadRequestError(f"search takes at most {MAX_SEARCH_WORDS} words")


def search_text(value):
    """The words of a search as the backends take them: without double quotes, which
    SQLite's full-text search reads as the start of a phrase, and with single spaces."""
    return " ".join(value.replace('"', " ").split())
