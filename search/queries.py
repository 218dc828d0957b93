"""The checks a search's input passes before it reaches the search backend."""

from wagtail.api.v2.utils import BadRequestError

# How the words of a search combine: every word must match, or any one of them.
SEARCH_OPERATORS = ("and", "or")


def check_search_input(params):
    """Refuses, as a 400, search parameters that the backend would fail on."""
    operator = params.get("search_operator", "")
    if operator and operator not in SEARCH_OPERATORS:
        raise BadRequestError(f"search_operator must be {' or '.join(map(repr, SEARCH_OPERATORS))}")
