"""Every parameter of every operation the OpenAPI document describes, given hostile values,
gets a JSON answer that is an error for people or a normal answer: never a server error.

The parameters come from the served document, so a new parameter is tried the moment it
is documented; schemathesis (test_openapi.py) tries random values besides.
"""

import pytest
from django.core.management import call_command

REVIEW_TYPE = "content.FilmReviewPage"
HOSTILE_VALUES = [
    "",
    " ",
    "\t",
    "²",  # digits that str.isdigit() accepts and int() refuses
    "①",
    "٣",  # a digit that int() reads
    "٩" * 25,
    "9" * 30,
    "-" + "9" * 20,
    "1e-999999",
    "1e999999",
    "NaN",
    "-0.5",
    '"',
    '"her',
    "her\"'",
    "word " * 500,
    "x" * 10_000,
    "9999-12-31T23:59:59-14:00",
    "root",
    "%",
    "*",
    "-",
]


@pytest.fixture
def operations(client, db):
    call_command("load_demo", verbosity=0)
    document = client.get("/api/schema/?format=json").json()
    return [(path, operation["get"]) for path, operation in document["paths"].items()]


def requests_for(path, operation, parameter):
    """The URLs and queries that put hostile values in one parameter of an operation."""
    for value in HOSTILE_VALUES:
        if parameter["in"] == "path":
            yield path.replace("{" + parameter["name"] + "}", value or "0"), {}
            continue
        query = {parameter["name"]: value}
        yield path.replace("{id}", "5"), query
        if path == "/api/v2/pages/":
            yield path, {"type": REVIEW_TYPE, **query}


def test_no_parameter_of_any_operation_gives_a_server_error(client, operations):
    tried, failures = 0, []
    for path, operation in operations:
        for parameter in operation.get("parameters", []):
            for url, query in requests_for(path, operation, parameter):
                response = client.get(url, query)
                tried += 1
                if (
                    response.status_code >= 500
                    or response.status_code == 200
                    and (response["Content-Type"] != "application/json")
                ):
                    failures.append((url, query, response.status_code))
                elif response.status_code != 302 and response["Content-Type"].startswith(
                    "application/json"
                ):
                    body = response.json()
                    assert "message" in body or "id" in body or "items" in body, (url, query)
    assert tried > 1_000
    assert failures == []
