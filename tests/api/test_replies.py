"""/api/v2/replies/: readers read a review's published replies and send their own, which
wait for an editor; nothing public ever shows a reader's email."""

import json

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from replies.models import Reply
from tests.factories import ReplyFactory, make_review

URL = "/api/v2/replies/"


@pytest.fixture
def review(review_index):
    return make_review(review_index, title="Her, scored in warm static")


def post(client, data, **headers):
    return client.post(URL, json.dumps(data), content_type="application/json", **headers)


def valid(review, **fields):
    return {
        "page": review.pk,
        "name": "Ines",
        "email": "ines@example.com",
        "body": "The piano in the last scene undid me.",
        **fields,
    }


def listing(client, review, **params):
    response = client.get(URL, {"page": review.pk, **params})
    assert response.status_code == 200, response.json()
    return response.json()


def test_a_posted_reply_waits_for_moderation(client, review):
    response = post(client, valid(review, website="https://ines.example"))

    assert response.status_code == 202
    assert response.json() == {"status": "pending"}
    reply = Reply.objects.get()
    assert (reply.page_id, reply.status, reply.name) == (review.pk, "pending", "Ines")
    assert reply.website == "https://ines.example"
    assert reply.ip_address == "127.0.0.1"
    assert listing(client, review)["items"] == []


def test_the_listing_has_the_approved_replies_oldest_first_without_emails(client, review):
    first = ReplyFactory(page=review, name="First", website="https://first.example")
    answer = ReplyFactory(page=review, parent=first, name="Editors", is_staff=True)
    ReplyFactory(page=review, status=Reply.Status.PENDING)
    ReplyFactory(page=review, status=Reply.Status.SPAM)
    ReplyFactory(page=review, status=Reply.Status.REJECTED)

    body = listing(client, review)

    assert body["meta"]["total_count"] == 2
    assert body["items"] == [
        {
            "id": first.pk,
            "parent": None,
            "name": "First",
            "website": "https://first.example",
            "body": first.body,
            "created_at": body["items"][0]["created_at"],
            "is_staff": False,
        },
        {
            "id": answer.pk,
            "parent": first.pk,
            "name": "Editors",
            "website": "",
            "body": answer.body,
            "created_at": body["items"][1]["created_at"],
            "is_staff": True,
        },
    ]
    assert "@example.com" not in json.dumps(body)


def test_an_answer_to_a_reply_that_is_not_published_is_not_listed(client, review):
    hidden = ReplyFactory(page=review, status=Reply.Status.REJECTED)
    ReplyFactory(page=review, parent=hidden)

    assert listing(client, review)["items"] == []
    detail = client.get(f"/api/v2/pages/{review.pk}/").json()
    assert detail["reply_count"] == 0


def test_the_listing_pages_like_the_others(client, review):
    replies = [ReplyFactory(page=review) for _ in range(5)]

    first = listing(client, review, limit=2)
    second = client.get(first["meta"]["next"]).json()

    assert [item["id"] for item in first["items"] + second["items"]] == [
        reply.pk for reply in replies[:4]
    ]
    assert first["meta"]["total_count"] == 5


@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "page is required"),
        ({"page": "x"}, "page must be the id of a review"),
        ({"page": "99999"}, "no live, public review"),
        ({"page": "1" * 30}, "no live, public review"),
    ],
)
def test_the_listing_needs_a_live_public_review(client, review, params, message):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert message in response.json()["message"]


def test_the_replies_of_drafts_restricted_pages_and_other_pages_are_not_listed(
    client, review, review_index
):
    draft = make_review(review_index, publish=False)
    restricted = make_review(review_index)
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    for page in (draft, restricted):
        ReplyFactory(page=page)

    for page in (draft, restricted, review_index):
        response = client.get(URL, {"page": page.pk})
        assert response.status_code == 400, page


def test_the_review_counts_its_published_replies(client, review, review_index):
    ReplyFactory.create_batch(2, page=review)
    ReplyFactory(page=review, status=Reply.Status.PENDING)
    other = make_review(review_index)

    detail = client.get(f"/api/v2/pages/{review.pk}/").json()
    items = client.get(
        "/api/v2/pages/", {"type": "content.FilmReviewPage", "fields": "reply_count,replies_open"}
    ).json()["items"]

    assert (detail["reply_count"], detail["replies_open"]) == (2, True)
    assert {item["id"]: item["reply_count"] for item in items} == {review.pk: 2, other.pk: 0}


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"name": ""}, "name", "give the name to show with your reply"),
        ({"name": None}, "name", "give the name to show with your reply"),
        ({"email": "not an address"}, "email", "enter a valid email address"),
        ({"body": "   "}, "body", "write your reply"),
        ({"body": "x" * 5001}, "body", "keep it to 5000 characters"),
        ({"name": "x" * 101}, "name", "keep it to 100 characters"),
        ({"website": "javascript:alert(1)"}, "website", "starting with https://"),
        ({"website": "ftp://files.example/x"}, "website", "http or https"),
        ({"website": "example.com"}, "website", "starting with https://"),
        ({"page": 99999}, "page", "no live, public review"),
        ({"page": 10**30}, "page", "no live, public review"),
        ({"page": "her"}, "page", "give the review's id"),
        ({"parent": 99999}, "parent", "no published reply"),
        ({"body": "\ud800 broken"}, "body", "Surrogate characters are not allowed"),
        ({"name": "nul\x00"}, "name", "Null characters are not allowed"),
        ({"status": "approved"}, "status", "unknown field"),
        ({"seconds_on_form": 0.5}, "seconds_on_form", "sooner than people"),
    ],
)
def test_bad_input_is_refused_with_a_message_per_field(client, review, change, field, message):
    response = post(client, valid(review, **change))

    assert response.status_code == 400, response.json()
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert any(message in text for text in body["errors"][field]), body
    assert not Reply.objects.exists()


@pytest.mark.parametrize("missing", ["page", "name", "email", "body"])
def test_each_required_field_is_named_when_missing(client, review, missing):
    data = valid(review)
    del data[missing]

    response = post(client, data)

    assert response.status_code == 400
    (message,) = response.json()["errors"][missing]
    assert message.startswith(("give ", "write "))


def test_an_error_never_repeats_the_email(client, review):
    response = post(client, valid(review, email="secret@example.com", page=99999))

    assert response.status_code == 400
    assert "secret@example.com" not in response.content.decode()


def test_bodies_that_are_not_json_objects_are_refused(client, review):
    not_json = client.post(URL, "{", content_type="application/json")
    a_list = client.post(URL, "[]", content_type="application/json")
    a_form = client.post(URL, {"page": review.pk, "name": "x"})

    assert not_json.status_code == 400
    assert "JSON parse error" in not_json.json()["errors"]["non_field_errors"][0]
    assert a_list.status_code == 400 and "non_field_errors" in a_list.json()["errors"]
    assert a_form.status_code == 415
    assert not Reply.objects.exists()


def test_invalid_utf8_is_refused(client, review):
    valid_json = json.dumps(valid(review, name="NAME")).encode()
    response = client.post(
        URL, valid_json.replace(b"NAME", b"\xff\xfe"), content_type="application/json"
    )

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["errors"]["non_field_errors"][0]
    assert not Reply.objects.exists()


def test_replies_closed_on_a_review_are_refused_and_published_ones_stay(client, review):
    published = ReplyFactory(page=review)
    review.replies_open = False
    review.save_revision().publish()

    response = post(client, valid(review))

    assert response.status_code == 400
    assert response.json()["errors"]["page"] == ["replies are closed for this review"]
    assert [item["id"] for item in listing(client, review)["items"]] == [published.pk]


def test_drafts_and_restricted_reviews_take_no_replies(client, review, review_index):
    draft = make_review(review_index, publish=False)
    restricted = make_review(review_index)
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")

    for page in (draft, restricted, review_index):
        response = post(client, valid(review, page=page.pk))
        assert response.json()["errors"]["page"] == ["no live, public review has this id"]


def test_an_answer_goes_to_a_published_top_level_reply_on_the_same_review(
    client, review, review_index
):
    top = ReplyFactory(page=review)
    answer = ReplyFactory(page=review, parent=top)
    pending = ReplyFactory(page=review, status=Reply.Status.PENDING)
    elsewhere = ReplyFactory(page=make_review(review_index))

    accepted = post(client, valid(review, parent=top.pk))
    too_deep = post(client, valid(review, parent=answer.pk))
    refused = [post(client, valid(review, parent=reply.pk)) for reply in (pending, elsewhere)]

    assert accepted.status_code == 202
    assert Reply.objects.get(status="pending", name="Ines").parent == top
    assert too_deep.json()["errors"]["parent"] == [
        f"replies go one level deep: answer the reply it answers ({top.pk})"
    ]
    for response in refused:
        assert response.json()["errors"]["parent"] == [
            "no published reply on this review has this id"
        ]


def test_the_honeypot_drops_the_reply_with_the_same_answer(client, review):
    response = post(client, valid(review, honeypot="http://cheap.example"))

    assert (response.status_code, response.json()) == (202, {"status": "pending"})
    assert not Reply.objects.exists()


def test_a_reply_sent_after_a_while_on_the_form_is_taken(client, review):
    assert post(client, valid(review, seconds_on_form=42)).status_code == 202


def test_the_spam_check_holds_spam_where_the_public_never_sees_it(client, review, settings):
    settings.REPLIES_BLOCKLIST = ["casino"]
    links = " ".join(f"https://l{n}.example" for n in range(3))

    for body in ("Best CASINO bonus", f"Look: {links}"):
        assert post(client, valid(review, body=body)).status_code == 202
    fine = post(client, valid(review, body="Two links are fine: https://a.example www.b.example"))
    assert fine.status_code == 202

    statuses = dict(Reply.objects.values_list("body", "status"))
    assert list(statuses.values()) == ["spam", "spam", "pending"]
    Reply.objects.filter(status="pending").update(status="approved")
    assert [item["body"][:3] for item in listing(client, review)["items"]] == ["Two"]


def reject_everything(reply, request):
    return True


def test_the_spam_check_is_a_setting(client, review, settings):
    settings.REPLIES_SPAM_CHECK = "tests.api.test_replies.reject_everything"

    post(client, valid(review))

    assert Reply.objects.get().status == "spam"


def test_posting_is_limited_per_address(client, review, settings):
    settings.REPLIES_POST_RATE = "2/hour"

    answers = [post(client, valid(review), REMOTE_ADDR="203.0.113.9") for _ in range(3)]
    other_address = post(client, valid(review), REMOTE_ADDR="203.0.113.10")

    assert [response.status_code for response in answers] == [202, 202, 429]
    assert 1 <= int(answers[2]["Retry-After"]) <= 3600
    assert "too many replies" in answers[2].json()["message"]
    assert other_address.status_code == 202
    assert Reply.objects.count() == 3


def test_the_text_keeps_its_paragraphs_and_nothing_else(client, review):
    body = "  First line\r\nsecond line\r\n\r\n\r\n\r\nNew paragraph <b>bold</b>  \n\n\n"

    post(client, valid(review, body=body, name="  Ines \n Okafor "))

    reply = Reply.objects.get()
    assert reply.body == "First line\nsecond line\n\nNew paragraph <b>bold</b>"
    assert reply.name == "Ines Okafor"


def test_the_frontend_may_post_across_origins(client, review):
    preflight = client.options(
        URL,
        HTTP_ORIGIN="http://localhost:8020",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    response = post(client, valid(review), HTTP_ORIGIN="http://localhost:8020")

    assert preflight["Access-Control-Allow-Origin"] == "http://localhost:8020"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS, POST"
    assert "content-type" in preflight["Access-Control-Allow-Headers"]
    assert response["Access-Control-Allow-Origin"] == "http://localhost:8020"


def test_posting_needs_no_csrf_token(review):
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), valid(review))

    assert response.status_code == 202


def test_other_methods_are_refused(client, review):
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(URL)
        assert response.status_code == 405, method
        assert response.json()["message"]
    assert reverse("replies") == URL


def test_a_field_name_that_is_not_text_is_named_back_safely(client, review):
    response = client.post(
        URL,
        json.dumps(valid(review))[:-1] + ', "\\ud800x": 1}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"\\ud800x": ["unknown field"]}


def test_json_nested_too_deeply_is_refused(client, review):
    nested = "[" * 5000 + "]" * 5000
    response = client.post(
        URL,
        f'{{"page": {review.pk}, "name": "Jo", "email": "jo@example.com", "body": "Hi", '
        f'"x": {nested}}}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["the JSON is nested too deeply"]}


def test_a_request_too_large_is_refused(client, review, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = post(client, valid(review, body="x" * 2000))

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["the request is too large for a reply"]
    }


def test_a_reply_goes_to_the_site_the_request_is_for(client, review):
    response = client.post(
        f"{URL}?site=localhost", json.dumps(valid(review)), content_type="application/json"
    )

    assert response.status_code == 400
    assert "site" in response.json()["errors"]["non_field_errors"][0]
    assert not Reply.objects.exists()


def test_options_describes_what_a_reply_takes(client, review):
    described = client.options(URL).json()["actions"]["POST"]

    assert {"page", "name", "email", "body", "website", "parent"} <= set(described)
    assert described["email"]["required"] is True


def test_each_answer_to_a_post_says_what_is_left_of_the_replies_rate(client, review, settings):
    settings.REPLIES_POST_RATE = "2/minute"
    settings.API_THROTTLE_RATE = "100/minute"

    answers = [post(client, valid(review)) for _ in range(3)]

    assert answers[0]["RateLimit-Policy"] == '"api";q=100;w=60, "replies";q=2;w=60'
    assert [answer["RateLimit"].split(", ")[1].split(";")[1] for answer in answers] == [
        "r=1",
        "r=0",
        "r=0",
    ]
    assert answers[2].status_code == 429


def test_links_in_the_name_count_and_look_alike_letters_do_not_hide_a_blocked_word(
    client, review, settings
):
    settings.REPLIES_BLOCKLIST = ["casino"]
    name = "https://a.example https://b.example"

    post(client, valid(review, name=name, body="One more: https://c.example"))
    post(client, valid(review, body="Ｃａｓｉｎｏ night"))

    assert list(Reply.objects.values_list("status", flat=True)) == ["spam", "spam"]
