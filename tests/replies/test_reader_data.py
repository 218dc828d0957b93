"""Readers' personal data: erased on request, and client addresses kept only a while."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from replies.models import Reply
from replies.moderation import forget_old_addresses
from tests.factories import ReplyFactory, make_review


@pytest.fixture
def review(review_index):
    return make_review(review_index)


def erase(email):
    out = StringIO()
    call_command("erase_reader_data", email, stdout=out)
    return out.getvalue()


def test_erasing_anonymises_every_reply_by_that_address_in_any_case(review):
    theirs = [
        ReplyFactory(
            page=review,
            email=email,
            name="Jo March",
            website="https://jo.example",
            ip_address="198.51.100.7",
            user_agent="Browser/1",
            status=status,
        )
        for email, status in [
            ("jo@example.com", Reply.Status.APPROVED),
            ("JO@example.COM", Reply.Status.PENDING),
            ("jo@example.com", Reply.Status.SPAM),
        ]
    ]
    someone_else = ReplyFactory(page=review, email="amy@example.com", name="Amy")

    output = erase(" Jo@Example.com ")

    assert output == "Anonymised 3 replies sent with Jo@Example.com.\n"
    for reply in Reply.objects.filter(pk__in=[reply.pk for reply in theirs]):
        assert (reply.name, reply.email, reply.website) == ("Anonymous", "", "")
        assert (reply.ip_address, reply.user_agent) == (None, "")
        assert reply.body  # the text stays, as the conversation does
    someone_else.refresh_from_db()
    assert (someone_else.name, someone_else.email) == ("Amy", "amy@example.com")


def test_erasing_an_address_with_no_replies_says_so(db):
    assert erase("nobody@example.com") == "Anonymised 0 replies sent with nobody@example.com.\n"


@pytest.mark.parametrize("email", ["", "not-an-address", "a@"])
def test_erasing_refuses_what_is_not_an_email_address(db, email):
    with pytest.raises(CommandError, match="is not an email address"):
        erase(email)


def test_addresses_and_user_agents_are_dropped_after_the_configured_days(review, settings):
    settings.REPLIES_KEEP_ADDRESSES_DAYS = 30
    now = timezone.now()
    old = ReplyFactory(
        page=review, ip_address="198.51.100.7", user_agent="Old/1", created_at=now - timedelta(31)
    )
    recent = ReplyFactory(
        page=review, ip_address="198.51.100.8", user_agent="New/1", created_at=now - timedelta(29)
    )

    assert forget_old_addresses() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("198.51.100.8", "New/1")


def test_posting_a_reply_drops_old_addresses(client, review):
    old = ReplyFactory(
        page=review, ip_address="198.51.100.7", created_at=timezone.now() - timedelta(days=400)
    )

    client.post(
        "/api/v2/replies/",
        {"page": review.pk, "name": "Jo", "email": "jo@example.com", "body": "Hello."},
        content_type="application/json",
    )

    old.refresh_from_db()
    assert old.ip_address is None
    assert Reply.objects.get(name="Jo").ip_address == "127.0.0.1"


def test_opening_the_replies_listing_drops_old_addresses(client, review, admin_user):
    old = ReplyFactory(
        page=review, ip_address="198.51.100.7", created_at=timezone.now() - timedelta(days=400)
    )
    client.force_login(admin_user)

    client.get("/admin/snippets/replies/reply/")

    old.refresh_from_db()
    assert old.ip_address is None


def test_the_admins_history_never_names_the_reader(review):
    reply = ReplyFactory(page=review, name="Jo March", body="A reply to keep.")
    log(reply, "wagtail.edit")
    reply.delete()

    labels = list(ModelLogEntry.objects.values_list("label", flat=True))
    assert labels == [f"“A reply to keep.” on {review.title}"]


def test_a_command_drops_old_addresses_for_sites_where_nothing_happens(review):
    ReplyFactory(page=review, ip_address="198.51.100.7", created_at=timezone.now() - timedelta(400))

    out = StringIO()
    call_command("forget_old_addresses", stdout=out)

    assert out.getvalue() == "Dropped the addresses of 1 reply older than 30 days.\n"
    assert Reply.objects.get().ip_address is None
