"""The response cache stays exact as replies are moderated: approving, rejecting,
editing, erasing or deleting a published reply changes the review's replies listing and
its reply_count at once; a pending reply, or spam, changes nothing public."""

import json

import pytest
from django.core.management import call_command

from replies.models import Reply
from replies.moderation import set_status
from tests.factories import ReplyFactory, make_review


@pytest.fixture
def review(review_index):
    return make_review(review_index)


def snapshot(client, review):
    """What the public sees of the review's replies, and the ETags it is sent with."""
    detail = client.get(f"/api/v2/pages/{review.pk}/")
    listing = client.get(
        "/api/v2/pages/", {"type": "content.FilmReviewPage", "fields": "reply_count"}
    )
    replies = client.get("/api/v2/replies/", {"page": review.pk})
    return {
        "reply_count": detail.json()["reply_count"],
        "listed_count": listing.json()["items"][0]["reply_count"],
        "replies": [(item["name"], item["body"]) for item in replies.json()["items"]],
        "etags": [detail["ETag"], listing["ETag"], replies["ETag"]],
    }


def test_a_pending_reply_and_spam_change_nothing_public(client, review):
    ReplyFactory(page=review, name="Ines")
    before = snapshot(client, review)

    response = client.post(
        "/api/v2/replies/",
        json.dumps({"page": review.pk, "name": "Jo", "email": "jo@example.com", "body": "Hi"}),
        content_type="application/json",
    )
    ReplyFactory(page=review, status=Reply.Status.SPAM)

    assert response.status_code == 202
    assert snapshot(client, review) == before


def test_approving_then_rejecting_shows_then_hides_the_reply(client, review):
    pending = ReplyFactory(page=review, name="Jo", status=Reply.Status.PENDING)
    before = snapshot(client, review)

    set_status([Reply.objects.get(pk=pending.pk)], Reply.Status.APPROVED)
    approved = snapshot(client, review)
    set_status([Reply.objects.get(pk=pending.pk)], Reply.Status.REJECTED)
    rejected = snapshot(client, review)

    assert (before["reply_count"], before["listed_count"], before["replies"]) == (0, 0, [])
    assert (approved["reply_count"], approved["listed_count"]) == (1, 1)
    assert approved["replies"] == [("Jo", pending.body)]
    assert (rejected["reply_count"], rejected["listed_count"], rejected["replies"]) == (0, 0, [])
    assert len({*before["etags"], *approved["etags"]}) == 6


def test_erasing_a_reader_changes_their_published_replies_at_once(client, review):
    ReplyFactory(page=review, name="Jo", email="Jo@Example.com")
    snapshot(client, review)

    call_command("erase_reader_data", "jo@example.com", stdout=None)

    assert snapshot(client, review)["replies"] == [("Anonymous", Reply.objects.get().body)]


def test_editing_or_deleting_a_published_reply_changes_the_listing(client, review):
    reply = ReplyFactory(page=review, body="Frist!")
    snapshot(client, review)

    reply = Reply.objects.get(pk=reply.pk)
    reply.body = "First!"
    reply.save()
    edited = snapshot(client, review)
    Reply.objects.get(pk=reply.pk).delete()

    assert edited["replies"][0][1] == "First!"
    assert snapshot(client, review)["reply_count"] == 0


def test_a_reply_saved_twice_in_one_go_changes_the_count_both_times(client, review):
    reply = ReplyFactory(page=review, status=Reply.Status.PENDING)
    reply.status = Reply.Status.APPROVED
    reply.save()
    assert snapshot(client, review)["reply_count"] == 1

    reply.status = Reply.Status.REJECTED
    reply.save()

    assert snapshot(client, review)["reply_count"] == 0


def test_a_reply_moved_to_another_review_changes_both(client, review, review_index):
    other = make_review(review_index)
    reply = ReplyFactory(page=review)
    snapshot(client, review)
    client.get(f"/api/v2/pages/{other.pk}/")

    reply.page = other
    reply.save()

    assert snapshot(client, review)["reply_count"] == 0
    assert client.get(f"/api/v2/pages/{other.pk}/").json()["reply_count"] == 1


def test_a_reply_refreshed_from_the_database_knows_what_the_public_sees(client, review):
    reply = ReplyFactory(page=review, status=Reply.Status.PENDING)
    Reply.objects.filter(pk=reply.pk).update(status="approved")  # elsewhere, without signals
    reply.refresh_from_db()
    assert snapshot(client, review)["reply_count"] == 1

    reply.status = Reply.Status.SPAM
    reply.save()

    assert snapshot(client, review)["reply_count"] == 0
