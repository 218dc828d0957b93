"""Each kind of change records its event in the outbox, in the change's transaction."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from content.models import FilmReviewPage
from replies.models import Reply
from tests.factories import FilmFactory, ReplyFactory, make_review
from webhooks.models import Delivery, Endpoint


def events(endpoint):
    return [(delivery.event, delivery.data) for delivery in endpoint.deliveries.all()]


@pytest.fixture
def review(review_index):
    return make_review(
        review_index,
        title="Her, warmly",
        slug="her",
        film=FilmFactory(title="Her"),
        tags=["ambient"],
    )


def test_publishing_a_review_tells_where_it_is_its_index_film_and_tags(
    endpoint, review, review_index
):
    review.save_revision().publish()

    [(event, data)] = events(endpoint)[-1:]
    assert event == "review.published"
    assert data == {
        "id": review.pk,
        "type": "content.FilmReviewPage",
        "slug": "her",
        "html_url": "http://localhost:8020/reviews/her/",
        "detail_url": f"http://127.0.0.1:8000/api/v2/pages/{review.pk}/",
        "path": "/reviews/her/",
        "old_path": None,
        "index": {"id": review_index.pk, "html_url": "http://localhost:8020/reviews/"},
        "film": {"id": review.film.pk, "title": "Her"},
        "tags": ["ambient"],
    }


def test_moving_unpublishing_and_deleting_a_review_tell_its_old_path(
    endpoint, review, django_capture_on_commit_callbacks
):
    endpoint.deliveries.all().delete()  # its first publish
    renamed = FilmReviewPage.objects.get(pk=review.pk)
    renamed.slug = "her-again"
    # Wagtail tells of a new slug once the change has committed.
    with django_capture_on_commit_callbacks(execute=True):
        renamed.save_revision().publish()
    FilmReviewPage.objects.get(pk=review.pk).unpublish()
    FilmReviewPage.objects.get(pk=review.pk).save_revision().publish()
    FilmReviewPage.objects.get(pk=review.pk).delete()

    told = [(event, data["path"], data["old_path"]) for event, data in events(endpoint)]
    assert told == [
        ("review.published", "/reviews/her-again/", None),  # published again, as it is now
        ("review.moved", "/reviews/her-again/", "/reviews/her/"),
        ("review.unpublished", None, "/reviews/her-again/"),
        ("review.published", "/reviews/her-again/", None),
        ("review.deleted", None, "/reviews/her-again/"),
    ]
    deleted = events(endpoint)[-1][1]
    assert deleted["slug"] == "her-again"
    # The lists it was in, to rebuild without it.
    assert (deleted["index"]["html_url"], deleted["film"]["title"], deleted["tags"]) == (
        "http://localhost:8020/reviews/",
        "Her",
        ["ambient"],
    )


def test_a_reply_approved_tells_its_review(endpoint, review):
    endpoint.deliveries.all().delete()  # the review's publish
    reply = ReplyFactory(page=review, status=Reply.Status.PENDING)
    assert events(endpoint) == []

    reply.status = Reply.Status.APPROVED
    reply.save()
    reply.save()  # saved again, unchanged

    assert events(endpoint) == [
        (
            "reply.approved",
            {
                "id": reply.pk,
                "parent": None,
                "review": {
                    "id": review.pk,
                    "html_url": "http://localhost:8020/reviews/her/",
                    "replies_url": f"http://127.0.0.1:8000/api/v2/replies/?page={review.pk}",
                },
            },
        )
    ]


def test_a_film_changed_tells_its_reviews_and_an_unchanged_save_tells_nothing(endpoint, review):
    endpoint.deliveries.all().delete()  # the review's publish
    film = FilmReviewPage.objects.get(pk=review.pk).film
    film.save()
    assert events(endpoint) == []

    film.release_year = 2014
    film.save()

    assert events(endpoint) == [
        (
            "film.changed",
            {
                "id": film.pk,
                "title": "Her",
                "release_year": 2014,
                "reviews": [{"id": review.pk, "html_url": "http://localhost:8020/reviews/her/"}],
            },
        )
    ]


def test_only_subscribed_endpoints_get_an_event_paused_ones_keep_it(db, review_index, receiver):
    published_only = Endpoint.objects.create(url=receiver.url, events=["review.published"])
    replies_only = Endpoint.objects.create(url=receiver.url, events=["reply.approved"])
    paused = Endpoint.objects.create(url=receiver.url, events=["review.published"], is_active=False)

    make_review(review_index)

    assert published_only.deliveries.count() == 1
    assert replies_only.deliveries.count() == 0
    assert paused.deliveries.count() == 1


def test_a_change_rolled_back_records_and_asks_nothing(endpoint, review_index):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_review(review_index)
        raise RuntimeError("the editor's request failed after the publish")

    assert not Delivery.objects.exists()
    assert not DBTaskResult.objects.filter(task_path__endswith="deliver_to").exists()


def test_a_change_committed_asks_the_worker_to_deliver(
    endpoint, review_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_review(review_index)

    [task] = DBTaskResult.objects.filter(task_path="webhooks.tasks.deliver_to")
    assert task.args_kwargs == {"args": [endpoint.pk], "kwargs": {}}
