"""Settings → Webhooks: endpoints added with a secret shown once, paused ones resumed,
each one's delivery log with a ping and redelivery; only for those allowed."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from webhooks.models import Delivery, Endpoint

ADD = reverse("webhooks:add")


@pytest.fixture
def admin(client, db):
    user = get_user_model().objects.create_superuser(username="admin", password="x")
    client.force_login(user)
    return user


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_an_endpoint_added_shows_its_secret_once_then_only_its_end(client, admin):
    response = client.post(
        ADD,
        {
            "url": "https://www.example.com/api/revalidate",
            "description": "The website",
            "events": ["review.published", "review.moved"],
            "is_active": "on",
        },
        follow=True,
    )

    endpoint = Endpoint.objects.get()
    assert endpoint.events == ["review.published", "review.moved"]
    assert any(endpoint.secret in message for message in messages_of(response))
    edit = client.get(reverse("webhooks:edit", args=[endpoint.pk]))
    listing = client.get(reverse("webhooks:index"))
    for page in (edit, listing):
        assert endpoint.secret not in page.text
    assert f"Its secret ends in {endpoint.secret_hint}" in edit.text
    assert "review.published, review.moved" in listing.text


def test_a_new_secret_replaces_the_old_and_is_shown_once(client, admin):
    endpoint = Endpoint.objects.create(url="https://www.example.com/hook", events=["ping"])
    old = endpoint.secret

    response = client.post(
        reverse("webhooks:edit", args=[endpoint.pk]),
        {
            "url": endpoint.url,
            "events": ["review.published"],
            "is_active": "on",
            "new_secret": "on",
        },
        follow=True,
    )

    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert any(endpoint.secret in message for message in messages_of(response))


def test_an_address_inside_the_network_is_refused_outside_development(client, admin, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False

    response = client.post(ADD, {"url": "http://localhost:3000/api/revalidate", "events": ["ping"]})

    assert response.status_code == 200
    assert response.context["form"].errors["url"] == [
        "Refused: the address must start with https://."
    ]
    assert not Endpoint.objects.exists()


def test_resuming_a_paused_endpoint_delivers_what_it_kept(
    client, admin, django_capture_on_commit_callbacks
):
    endpoint = Endpoint.objects.create(
        url="https://www.example.com/hook",
        events=["review.published"],
        is_active=False,
        failures_in_a_row=20,
        paused_because="Paused after 20 failed attempts in a row: HTTP 500.",
    )
    kept = Delivery.objects.create(
        endpoint=endpoint,
        event="review.published",
        data={},
        next_attempt_at=timezone.now() + timedelta(minutes=50),
    )
    edit = client.get(reverse("webhooks:edit", args=[endpoint.pk]))
    assert "Paused after 20 failed attempts in a row: HTTP 500." in edit.text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("webhooks:edit", args=[endpoint.pk]),
            {"url": endpoint.url, "events": ["review.published"], "is_active": "on"},
        )

    endpoint.refresh_from_db()
    assert (endpoint.is_active, endpoint.failures_in_a_row, endpoint.paused_because) == (
        True,
        0,
        "",
    )
    assert DBTaskResult.objects.filter(task_path="webhooks.tasks.deliver_to").exists()
    assert kept.next_attempt_at > timezone.now()  # as it was, before
    kept.refresh_from_db()
    assert kept.next_attempt_at <= timezone.now()  # what was kept goes now


def test_the_delivery_log_pings_and_redelivers(client, admin, django_capture_on_commit_callbacks):
    endpoint = Endpoint.objects.create(url="https://www.example.com/hook", events=[])
    log = reverse("webhooks:deliveries", args=[endpoint.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(log, {"ping": "1"})
    delivery = Delivery.objects.get()
    Delivery.objects.update(status="failed", attempts=3)
    page = client.get(log)
    assert str(delivery.uuid) in page.text and "Redeliver" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(log, {"delivery": delivery.pk})

    delivery.refresh_from_db()
    assert delivery.status == "pending"
    assert DBTaskResult.objects.filter(task_path="webhooks.tasks.deliver_to").count() == 2


def test_those_without_the_permission_see_no_webhooks(client, review_index):
    user = get_user_model().objects.create_user(username="ed", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    endpoint = Endpoint.objects.create(url="https://www.example.com/hook", events=[])

    assert "Webhooks" not in client.get(reverse("wagtailadmin_home")).text
    for url in (ADD, reverse("webhooks:index"), reverse("webhooks:deliveries", args=[endpoint.pk])):
        assert client.get(url)["Location"] == reverse("wagtailadmin_home")
