"""Checks of query parameters that Wagtail's endpoints lack, so that bad input gets a 400,
not a 500: every endpoint runs ``check_query`` first, and whatever reads an integer
from a query asks ``is_database_integer``."""

import re

from wagtail.api.v2.utils import BadRequestError

from search.queries import check_search_input

# The range of a 64-bit signed integer column, the widest integer our databases store.
MIN_DATABASE_INTEGER, MAX_DATABASE_INTEGER = -(2**63), 2**63 - 1
# Written in ASCII digits: str.isdigit() also accepts ², ① and other digits int() refuses.
INTEGER = re.compile(r"-?[0-9]+")


def is_integer(value):
    return INTEGER.fullmatch(value) is not None


def is_database_integer(value):
    """Whether the text is a whole number that a database integer column can hold."""
    return is_integer(value) and MIN_DATABASE_INTEGER <= int(value) <= MAX_DATABASE_INTEGER


def check_query(params):
    """Refuses, as a 400, query parameters that no endpoint can pass to its database."""
    # PostgreSQL refuses text with NUL characters, and SQLite's search chokes on them.
    if any("\x00" in value for _name, values in params.lists() for value in values):
        raise BadRequestError("query parameters cannot contain null characters")
    check_search_input(params)
