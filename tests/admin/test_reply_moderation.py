"""Editors with the moderation permission moderate readers' replies in the admin: a
Replies listing with filters, bulk and per-reply actions, the pending count, replies from
the staff, and the way there from a review's edit view."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from replies.models import Reply
from tests.factories import ReplyFactory, make_review, user_in_group

LISTING = reverse("wagtailsnippets_replies_reply:list")
ADD = reverse("wagtailsnippets_replies_reply:add")


def user_in(group_name, username):
    return user_in_group(
        group_name, username, first_name="Mo", last_name="Reyes", email="mo@x.example"
    )


@pytest.fixture
def moderator(db):
    return user_in("Moderators", "mo")


@pytest.fixture
def editor(db):
    return user_in("Editors", "ed")


@pytest.fixture
def review(review_index):
    return make_review(review_index, title="Her, scored in warm static")


def bulk_url(action, replies):
    ids = "&".join(f"id={reply.pk}" for reply in replies)
    return reverse("wagtail_bulk_action", args=["replies", "reply", action]) + f"?{ids}"


def public_bodies(client, review):
    response = client.get("/api/v2/replies/", {"page": review.pk})
    return [item["body"] for item in response.json()["items"]]


def test_the_listing_filters_by_status_and_review(client, moderator, review, review_index):
    other = make_review(review_index, title="Arrival")
    ReplyFactory(page=review, body="Approved on Her")
    ReplyFactory(page=review, body="Waiting on Her", status=Reply.Status.PENDING)
    ReplyFactory(page=other, body="Waiting on Arrival", status=Reply.Status.PENDING)
    client.force_login(moderator)

    everything = client.get(LISTING).content.decode()
    pending = client.get(LISTING, {"status": "pending"}).content.decode()
    pending_on_her = client.get(LISTING, {"status": "pending", "page": review.pk})

    assert all(text in everything for text in ("Approved on Her", "Waiting on Arrival"))
    assert "Approved on Her" not in pending and "Waiting on Arrival" in pending
    assert "Waiting on Her" in pending_on_her.content.decode()
    assert "Waiting on Arrival" not in pending_on_her.content.decode()


def test_moderators_approve_mark_spam_and_reject_in_bulk(client, moderator, review):
    replies = ReplyFactory.create_batch(3, page=review, status=Reply.Status.PENDING)
    client.force_login(moderator)

    confirmation = client.get(bulk_url("approve", replies[:2]))
    approved = client.post(bulk_url("approve", replies[:2]) + f"&next={LISTING}", follow=True)
    client.post(bulk_url("mark_spam", replies[2:]))

    assert "Approve these 2 replies?" in confirmation.content.decode()
    assert "2 replies are now approved." in approved.content.decode()
    assert [Reply.objects.get(pk=reply.pk).status for reply in replies] == [
        "approved",
        "approved",
        "spam",
    ]
    assert len(public_bodies(client, review)) == 2
    client.post(bulk_url("reject", replies[:1]))
    assert len(public_bodies(client, review)) == 1


def test_each_row_offers_the_other_statuses(client, moderator, review):
    reply = ReplyFactory(page=review, status=Reply.Status.PENDING)
    client.force_login(moderator)

    page = client.get(LISTING).content.decode()

    assert bulk_url("approve", [reply]).replace("&", "&amp;") in page
    assert bulk_url("reject", [reply]).replace("&", "&amp;") in page
    assert "Answer as the staff" not in page  # only under a published reply


def test_only_those_with_the_moderation_permission_moderate(client, editor, review):
    reply = ReplyFactory(page=review, status=Reply.Status.PENDING)
    client.force_login(editor)

    listing = client.get(LISTING)
    approve = client.post(bulk_url("approve", [reply]))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert listing.status_code in (302, 403)
    assert approve.status_code in (302, 403) or "You may not moderate" in approve.content.decode()
    assert Reply.objects.get().status == "pending"
    assert "Replies awaiting moderation" not in dashboard


def test_the_pending_count_is_on_the_dashboard_and_in_the_menu(client, moderator, review):
    ReplyFactory.create_batch(2, page=review, status=Reply.Status.PENDING)
    ReplyFactory(page=review)
    client.force_login(moderator)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "2 replies from readers await moderation." in dashboard
    assert "Replies (2)" in dashboard


def test_the_replies_of_a_review_are_a_click_from_its_edit_view(client, moderator, review):
    ReplyFactory(page=review, status=Reply.Status.PENDING)
    client.force_login(moderator)

    edit_view = client.get(reverse("wagtailadmin_pages:edit", args=[review.pk])).content.decode()

    assert "Replies (1 pending)" in edit_view
    assert f"{LISTING}?page={review.pk}" in edit_view


def test_an_editor_answers_as_the_staff_and_it_is_published_at_once(client, moderator, review):
    question = ReplyFactory(page=review, body="Is there a vinyl pressing?")
    client.force_login(moderator)

    form = client.get(ADD, {"parent": question.pk})
    response = client.post(
        f"{ADD}?parent={question.pk}",
        {"page": review.pk, "parent": question.pk, "name": "Liner Notes", "body": "There is."},
    )

    assert form.status_code == 200 and 'value="Liner Notes"' in form.content.decode()
    assert response.status_code == 302, response.context["form"].errors
    answer = Reply.objects.get(body="There is.")
    assert (answer.is_staff, answer.status, answer.author, answer.parent, answer.email) == (
        True,
        "approved",
        moderator,
        question,
        "",
    )
    items = client.get("/api/v2/replies/", {"page": review.pk}).json()["items"]
    assert [(item["body"], item["is_staff"]) for item in items] == [
        ("Is there a vinyl pressing?", False),
        ("There is.", True),
    ]


def test_a_staff_answer_must_answer_a_published_reply_on_the_same_review(
    client, moderator, review, review_index
):
    other = ReplyFactory(page=make_review(review_index))
    client.force_login(moderator)

    response = client.post(
        ADD, {"page": review.pk, "parent": other.pk, "name": "Liner Notes", "body": "No."}
    )

    assert response.status_code == 200
    assert "That reply is on another review." in response.content.decode()
    assert not Reply.objects.filter(body="No.").exists()


def test_editing_a_reply_keeps_its_email_and_can_change_its_status(client, moderator, review):
    reply = ReplyFactory(page=review, status=Reply.Status.PENDING, email="reader@example.com")
    client.force_login(moderator)
    url = reverse("wagtailsnippets_replies_reply:edit", args=[reply.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url, {"name": reply.name, "website": "", "body": "Edited text.", "status": "approved"}
    )

    assert "reader@example.com" in form
    assert response.status_code == 302
    reply.refresh_from_db()
    assert (reply.status, reply.body, reply.email) == (
        "approved",
        "Edited text.",
        "reader@example.com",
    )
    assert public_bodies(client, review) == ["Edited text."]


def test_all_in_the_listing_is_what_the_filtered_listing_shows(client, moderator, review):
    pending = ReplyFactory.create_batch(2, page=review, status=Reply.Status.PENDING)
    approved = ReplyFactory(page=review)
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["replies", "reply", "mark_spam"])

    confirmation = client.get(url, {"status": "pending", "id": "all"})
    client.post(f"{url}?status=pending&id=all&next={LISTING}")

    assert "Mark these 2 replies as spam?" in confirmation.content.decode()
    assert {reply.status for reply in Reply.objects.filter(pk__in=[r.pk for r in pending])} == {
        "spam"
    }
    approved.refresh_from_db()
    assert approved.status == "approved"


def test_deleting_all_in_the_listing_is_what_it_shows_too(client, moderator, review):
    ReplyFactory(page=review, status=Reply.Status.SPAM)
    kept = ReplyFactory(page=review)
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["replies", "reply", "delete"])

    client.post(f"{url}?status=spam&id=all&next={LISTING}")

    assert list(Reply.objects.all()) == [kept]


@pytest.mark.parametrize("action", ["approve", "delete"])
def test_those_who_may_not_moderate_see_no_reply_through_bulk_actions(
    client, editor, review, action
):
    ReplyFactory(page=review, name="Hidden Reader")
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["replies", "reply", action])

    response = client.get(url, {"id": "all"})

    assert response.status_code in (302, 403)
    assert "Hidden Reader" not in response.content.decode()


def test_replies_cannot_be_copied(client, moderator, review):
    reply = ReplyFactory(page=review)
    client.force_login(moderator)

    listing = client.get(LISTING).content.decode()

    assert f"/admin/snippets/replies/reply/copy/{reply.pk}/" not in listing
    assert client.get(f"/admin/snippets/replies/reply/copy/{reply.pk}/").status_code == 404


def test_an_answer_whose_reply_is_hidden_since_can_still_be_moderated(client, moderator, review):
    question = ReplyFactory(page=review)
    answer = ReplyFactory(page=review, parent=question)
    question.status = Reply.Status.SPAM
    question.save()
    client.force_login(moderator)

    response = client.post(
        reverse("wagtailsnippets_replies_reply:edit", args=[answer.pk]),
        {"name": answer.name, "website": "", "body": answer.body, "status": "rejected"},
    )

    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == "rejected"


def test_an_unchanged_save_changes_nothing_public(client, moderator, review):
    reply = ReplyFactory(page=review, body="First paragraph.\n\nSecond paragraph.")
    client.force_login(moderator)
    url = reverse("wagtailsnippets_replies_reply:edit", args=[reply.pk])
    form = {"name": reply.name, "website": "", "status": "approved"}

    with mock.patch("api.cache.signal_handlers.store.invalidate") as invalidate:
        # What a browser sends back: the text as the form showed it, lines ending in \r\n.
        client.post(url, {**form, "body": "First paragraph.\r\n\r\nSecond paragraph."})
    unchanged = invalidate.call_args_list
    with mock.patch("api.cache.signal_handlers.store.invalidate") as invalidate:
        client.post(url, {**form, "body": "First paragraph, edited."})

    assert unchanged == []
    invalidate.assert_called_once_with([f"page:{review.pk}"])
    reply.refresh_from_db()
    assert reply.body == "First paragraph, edited."


@pytest.mark.parametrize("value", ["abc", "²", "9" * 30])
def test_a_malformed_id_in_the_address_opens_the_form_or_listing(client, moderator, value):
    client.force_login(moderator)

    assert client.get(ADD, {"parent": value}).status_code == 200
    assert client.get(ADD, {"page": value}).status_code == 200
    assert client.get(LISTING, {"page": value}).status_code == 200


def test_moderating_is_in_the_replys_history(client, moderator, review):
    reply = ReplyFactory(page=review, status=Reply.Status.PENDING)
    client.force_login(moderator)

    client.post(bulk_url("approve", [reply]) + f"&next={LISTING}")

    history = client.get(reverse("wagtailsnippets_replies_reply:history", args=[reply.pk]))
    assert "Marked as approved" in history.content.decode()


def test_the_reply_chooser_is_for_moderators_only(client, editor, moderator, review):
    ReplyFactory(page=review, name="Hidden Reader", status=Reply.Status.SPAM)
    url = reverse("wagtailsnippetchoosers_replies_reply:choose")

    client.force_login(editor)
    refused = client.get(url)
    client.force_login(moderator)
    allowed = client.get(url)

    assert refused.status_code in (302, 403)
    assert "Hidden Reader" not in refused.content.decode()
    assert allowed.status_code == 200


def test_a_staff_reply_signs_with_the_sites_name_not_the_editors(client, review, db):
    call_command("set_up_roles", stdout=None)
    user = get_user_model().objects.create_user(
        username="m.kowalczyk", password="x", email="marta@newsroom.example"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)

    client.post(ADD, {"page": review.pk, "name": "Liner Notes", "body": "Welcome, readers."})

    public = client.get("/api/v2/replies/", {"page": review.pk}).content.decode()
    assert "Welcome, readers." in public and "Liner Notes" in public
    assert "kowalczyk" not in public and "newsroom" not in public


@pytest.mark.parametrize("ids", ["abc", "²", "9" * 30])
def test_malformed_ids_in_a_bulk_action_select_nothing(client, moderator, review, ids):
    ReplyFactory(page=review)
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["replies", "reply", "approve"])

    response = client.get(url, {"id": ids})

    assert response.status_code in (200, 404)


def test_all_of_a_listing_whose_filter_is_not_valid_is_nothing(client, moderator, review):
    ReplyFactory(page=review, status=Reply.Status.PENDING)
    approved = ReplyFactory(page=review)
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["replies", "reply", "reject"])

    client.post(f"{url}?status=pending&page=99999&id=all&next={LISTING}")

    approved.refresh_from_db()
    assert approved.status == "approved"
    assert not Reply.objects.filter(status="rejected").exists()
