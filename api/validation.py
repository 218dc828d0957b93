"""Checks of query parameters that Wagtail's endpoints lack, so that bad input gets a 400,
not a 500: every endpoint runs ``check_query`` first, and whatever reads an integer
from a query asks ``as_integer`` and ``is_beyond_database_integers``."""

from wagtail.api.v2.utils import BadRequestError

from search.queries import check_search_input

# Nested objects in ?fields= (film(title)) and Wagtail's own (carousel(image(title))).
MAX_FIELDS_NESTING = 4
# The range of a 64-bit signed integer column, the widest integer our databases store.
MIN_DATABASE_INTEGER, MAX_DATABASE_INTEGER = -(2**63), 2**63 - 1


def as_integer(value):
    """The whole number the text is, read as Wagtail and Django read it (int(): any
    decimal digits, ``٣`` as well as ``3``, but not ``²``), or None."""
    try:
        return int(value)
    except ValueError:
        return None


def is_beyond_database_integers(value):
    """Whether the text is a whole number that no database integer column can hold."""
    number = as_integer(value)
    return number is not None and not MIN_DATABASE_INTEGER <= number <= MAX_DATABASE_INTEGER


def check_query(params):
    """Refuses, as a 400, query parameters that no endpoint can pass to its database, and
    those that could mean two things: one given twice (which value wins?) or given no
    value (everything, or nothing?)."""
    # PostgreSQL refuses text with NUL characters, and SQLite's search chokes on them.
    if any("\x00" in value for _name, values in params.lists() for value in values):
        raise BadRequestError("query parameters cannot contain null characters")
    for name, values in sorted(params.lists()):
        if len(values) > 1:
            raise BadRequestError(
                f"{name} is given {len(values)} times: give it once (a list is comma-separated)"
            )
        if not values[0].strip():
            raise BadRequestError(f"{name} is empty: give it a value, or leave it out")
    if nesting_depth(params.get("fields", "")) > MAX_FIELDS_NESTING:
        raise BadRequestError(f"fields nests at most {MAX_FIELDS_NESTING} levels deep")
    check_search_input(params)


def nesting_depth(fields):
    """How deep the parentheses of a ``fields`` parameter go, which Wagtail's parser
    follows by recursion."""
    depth = deepest = 0
    for character in fields:
        if character == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif character == ")":
            depth -= 1
    return deepest


def comma_separated(name, value, most):
    """The distinct items of a comma-separated list, in their order, each stripped; a 400
    for an empty item or more than ``most`` items (each is a condition in a query)."""
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise BadRequestError(f"{name} has an empty item: separate items with one comma")
    items = list(dict.fromkeys(items))
    if len(items) > most:
        raise BadRequestError(f"{name} takes at most {most} items")
    return items


def check_known_parameters(params, known):
    """Refuses, as a 400, query parameters that an endpoint does not read."""
    unknown = set(params) - set(known)
    if unknown:
        raise BadRequestError(
            f"query parameter is not an operation or a recognised field: "
            f"{', '.join(sorted(unknown))}"
        )
