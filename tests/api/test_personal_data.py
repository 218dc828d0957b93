"""No public endpoint shows who edits the CMS, how to reach a reviewer or a reader.

An editor owns, writes, publishes and previews a review, uploads its images and a
document, and answers a reader's reply; the reviewer has a contact email; the reader
left an email and was sent from an address. Every public answer about them, with every
field asked for, must hold none of those people's details.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Comment

from api.taxonomies import TAXONOMIES
from content.models import FilmReviewPage
from tests.factories import FilmFactory, ImageFactory, ReplyFactory, ReviewerFactory, make_review

EDITOR = {
    "username": "mkowalczyk",
    "email": "marta.kowalczyk@newsroom.example",
    "first_name": "Marta",
    "last_name": "Kowalczyk",
}
REVIEWER_EMAIL = "ines.private@critics.example"
READER = {"email": "jo.reader@mailbox.example", "ip_address": "198.51.100.23"}
READER_USER_AGENT = "ReaderBrowser/9.1"
PERSONAL_DETAILS = [
    *EDITOR.values(),
    "newsroom.example",
    REVIEWER_EMAIL,
    "critics.example",
    *READER.values(),
    "mailbox.example",
    READER_USER_AGENT,
]


@pytest.fixture
def editor(db):
    editor = get_user_model().objects.create_user(password="secret", **EDITOR)
    editor.groups.add(Group.objects.get(name="Moderators"))
    return editor


@pytest.fixture
def review(review_index, editor):
    photo = ImageFactory(title="Ines", uploaded_by_user=editor)
    reviewer = ReviewerFactory(name="Ines Okafor", email=REVIEWER_EMAIL, photo=photo)
    review = make_review(
        review_index,
        title="Her, track by track",
        film=FilmFactory(title="Her"),
        reviewer=reviewer,
        owner=editor,
        hero_image=ImageFactory(title="Still", uploaded_by_user=editor),
        publish=False,
    )
    review = FilmReviewPage.objects.get(pk=review.pk)
    review.save_revision(user=editor).publish(user=editor)
    Comment.objects.create(
        page=review, user=editor, text="Check the track order.", contentpath="title"
    )
    question = ReplyFactory(page=review, name="Jo", user_agent=READER_USER_AGENT, **READER)
    ReplyFactory(
        page=review,
        parent=question,
        name="Liner Notes",
        email=editor.email,
        author=editor,
        is_staff=True,
    )
    Document.objects.create(
        title="Press notes",
        file=ContentFile(b"notes", name="notes.txt"),
        uploaded_by_user=editor,
    )
    return review


def public_answers(client, review, editor):
    """Every public endpoint's answer about the review, its media and the people."""
    image_id = review.hero_image_id
    document_id = Document.objects.get().pk
    preview = review.create_page_preview(editor=editor)
    yield from (
        client.get(reverse(name, args=args), params, follow=True)
        for name, args, params in [
            ("wagtailapi_v2:pages:listing", [], {"fields": "*"}),
            ("wagtailapi_v2:pages:listing", [], {"type": "content.FilmReviewPage", "fields": "*"}),
            ("wagtailapi_v2:pages:listing", [], {"search": "Her", "fields": "*"}),
            ("wagtailapi_v2:pages:detail", [review.pk], {"fields": "*"}),
            ("wagtailapi_v2:pages:find", [], {"html_path": "/reviews/her-track-by-track/"}),
            ("wagtailapi_v2:images:listing", [], {"fields": "*"}),
            ("wagtailapi_v2:images:detail", [image_id], {"fields": "*"}),
            ("wagtailapi_v2:documents:listing", [], {"fields": "*"}),
            ("wagtailapi_v2:documents:detail", [document_id], {"fields": "*"}),
            (
                "wagtailapi_v2:page_preview:preview",
                [],
                {"content_type": "content.filmreviewpage", "token": preview.token, "fields": "*"},
            ),
            ("replies", [], {"page": review.pk}),
            ("changes", [], {}),
            *((f"taxonomies:{viewset.endpoint_name}", [], {}) for viewset in TAXONOMIES),
            ("openapi-schema", [], {"format": "json"}),
        ]
    )


def test_no_public_answer_holds_an_editors_or_reviewers_details(client, review, editor):
    answers = list(public_answers(client, review, editor))

    assert [answer.status_code for answer in answers] == [200] * len(answers)
    # The answers are about the review, its people and media: a check that reads them.
    detail = answers[3].json()
    assert detail["reviewer"]["name"] == "Ines Okafor"
    assert detail["reply_count"] == 2
    for answer in answers:
        text = answer.content.decode().casefold()
        leaked = [detail for detail in PERSONAL_DETAILS if detail.casefold() in text]
        assert leaked == [], answer.request["PATH_INFO"]


@pytest.mark.parametrize(
    ("endpoint", "params"),
    [
        ("pages", {"fields": "owner"}),
        ("pages", {"fields": "reviewer(email)"}),
        ("pages", {"order": "owner"}),
        ("pages", {"owner": "1"}),
        ("pages", {"type": "content.FilmReviewPage", "fields": "latest_revision"}),
        ("images", {"fields": "uploaded_by_user"}),
        ("images", {"uploaded_by_user": "1"}),
        ("documents", {"fields": "uploaded_by_user"}),
    ],
)
def test_asking_for_people_fields_is_refused(client, review, endpoint, params):
    response = client.get(reverse(f"wagtailapi_v2:{endpoint}:listing"), params)

    assert response.status_code == 400
    assert "message" in response.json()


@pytest.mark.parametrize(
    "term", [REVIEWER_EMAIL, EDITOR["last_name"], EDITOR["username"], READER["email"]]
)
def test_search_does_not_find_reviews_by_their_people_details(client, review, term):
    response = client.get(reverse("wagtailapi_v2:pages:listing"), {"search": term})

    assert response.json()["items"] == []
