"""python manage.py webhooks: endpoints kept in code, added, listed, pinged, removed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from webhooks.models import Endpoint


def run(*args):
    out = StringIO()
    call_command("webhooks", *args, stdout=out)
    return out.getvalue()


def test_an_endpoint_is_added_listed_pinged_and_removed(db):
    added = run(
        "add",
        "https://www.example.com/api/revalidate",
        "--secret",
        "whsec_kept-in-the-deployments-vault",
        "--events",
        "review.published,review.unpublished",
    )
    endpoint = Endpoint.objects.get()
    assert added == f"Added endpoint {endpoint.pk}: https://www.example.com/api/revalidate\n"
    assert (endpoint.secret, endpoint.events) == (
        "whsec_kept-in-the-deployments-vault",
        ["review.published", "review.unpublished"],
    )

    listed = run("list")
    assert "secret …ault  active" in listed and "vault" not in listed.replace("…ault", "")
    assert "events: review.published, review.unpublished" in listed

    assert run("ping", str(endpoint.pk)).startswith("Ping ")
    assert endpoint.deliveries.get().event == "ping"

    assert run("remove", str(endpoint.pk)).startswith(f"Removed endpoint {endpoint.pk}")
    assert not Endpoint.objects.exists()


def test_a_secret_made_for_an_endpoint_is_shown_once(db):
    added = run("add", "https://www.example.com/hook", "--events", "all")

    endpoint = Endpoint.objects.get()
    assert f"Its secret, shown this once: {endpoint.secret}" in added
    assert endpoint.secret.startswith("whsec_") and len(endpoint.secret) > 40
    assert endpoint.secret not in run("list")


@pytest.mark.parametrize(
    "args, reason",
    [
        (["add", "https://x.example/", "--events", "review.eaten"], "unknown events: review.eaten"),
        (["add", "not a url", "--events", "all"], "the address must start with"),
        (["add", "https://x.example/", "--events", " , "], "--events names none"),
        (["add", "https://x.example/", "--events", "all", "--secret", "abc"], "too short"),
        (["remove", "99"], "no endpoint has id 99"),
        (["ping", "99"], "no endpoint has id 99"),
    ],
)
def test_bad_input_stops_with_a_reason(db, settings, args, reason):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(CommandError, match=reason):
        run(*args)
    assert not Endpoint.objects.exists()
