"""Scheduled publishing, run as make run runs it: publish_on_schedule, every minute."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from content.management.commands.publish_on_schedule import INTERVAL_SECONDS
from content.models import FilmReviewPage
from tests.factories import make_review

COMMAND = "content.management.commands.publish_on_schedule"


def run_the_schedule_once(at):
    """publish_on_schedule at the time ``at``, stopped (as with Ctrl+C) when it would
    wait for the next minute; returns how long it would have waited."""
    waits = []

    def stop(seconds):
        waits.append(seconds)
        raise KeyboardInterrupt

    with (
        mock.patch("django.utils.timezone.now", return_value=at),
        mock.patch.object(time, "sleep", stop),
        # The test's own transaction holds the connection, which must stay open.
        mock.patch(f"{COMMAND}.close_old_connections"),
    ):
        call_command("publish_on_schedule", stdout=mock.Mock())
    return waits


@pytest.fixture
def scheduled_review(review_index):
    review = make_review(review_index, title="Scheduled review", publish=False)
    review.go_live_at = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    review.save_revision().publish()
    return FilmReviewPage.objects.get(pk=review.pk)


def test_the_schedule_publishes_a_review_once_its_time_has_come(client, scheduled_review):
    detail_url = reverse("wagtailapi_v2:pages:detail", args=[scheduled_review.pk])

    run_the_schedule_once(at=scheduled_review.go_live_at - timedelta(minutes=1))
    assert client.get(detail_url).status_code == 404

    waits = run_the_schedule_once(at=scheduled_review.go_live_at + timedelta(minutes=9))
    assert client.get(detail_url).status_code == 200
    assert 0 < waits[0] <= INTERVAL_SECONDS


def test_a_scheduled_review_was_first_published_at_its_go_live_time(scheduled_review):
    ran_at = scheduled_review.go_live_at + timedelta(minutes=9)
    run_the_schedule_once(at=ran_at)

    review = FilmReviewPage.objects.get(pk=scheduled_review.pk)
    assert review.live
    assert review.first_published_at == scheduled_review.go_live_at
    # The time it really changed, which incremental builds ask for, stays.
    assert review.last_published_at == ran_at


def test_a_scheduled_change_to_a_live_review_keeps_its_first_publication(review_index):
    review = FilmReviewPage.objects.get(pk=make_review(review_index, title="Live review").pk)
    first_published_at = review.first_published_at
    review.title = "New headline"
    review.go_live_at = timezone.now() + timedelta(hours=1)
    review.save_revision().publish()

    run_the_schedule_once(at=review.go_live_at + timedelta(minutes=1))

    review = FilmReviewPage.objects.get(pk=review.pk)
    assert review.title == "New headline"
    assert review.first_published_at == first_published_at


def test_a_failing_minute_does_not_stop_the_schedule(scheduled_review, caplog):
    calls = []

    def fail_then_stop(seconds):
        calls.append(seconds)
        if len(calls) > 1:
            raise KeyboardInterrupt

    with (
        mock.patch(
            f"{COMMAND}.call_command", side_effect=[RuntimeError("database is locked"), None]
        ),
        mock.patch.object(time, "sleep", fail_then_stop),
        mock.patch(f"{COMMAND}.close_old_connections") as close_old_connections,
    ):
        call_command("publish_on_schedule", stdout=mock.Mock())

    assert len(calls) == 2
    assert "database is locked" in caplog.text
    # Each minute starts on a working connection, after a database restart too.
    assert close_old_connections.call_count == 2
