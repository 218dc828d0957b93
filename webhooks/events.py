"""What each event tells a frontend, and its record in the outbox.

Review events follow the API's change feed (``api.PageChange``): a review published,
unpublished, deleted or moved as the public sees it, recorded in the transaction of the
change. Their data says what a frontend rebuilds: the review's address (and the one it
had), its index, and the film and tags its listings are filtered by.
"""

import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from api.models import PageChange
from api.serializers import frontend_html_url
from content.models import FilmReviewPage

from .models import PING, Delivery, Endpoint

# What the reviews being deleted in this thread were listed in, by id.
being_deleted = threading.local()

REVIEW_EVENTS = {
    PageChange.Event.PUBLISHED: "review.published",
    PageChange.Event.UNPUBLISHED: "review.unpublished",
    PageChange.Event.DELETED: "review.deleted",
    PageChange.Event.MOVED: "review.moved",
}


def record(event, data, endpoints=None):
    """Writes the event into the outbox of each endpoint that subscribes to it (paused
    ones keep theirs for later), or of ``endpoints``, in the current transaction; the
    worker is told to deliver once it commits, so that a change rolled back sends
    nothing, and one committed is never lost."""
    if endpoints is None:
        endpoints = [endpoint for endpoint in Endpoint.objects.all() if event in endpoint.events]
    deliveries = [
        Delivery.objects.create(endpoint=endpoint, event=event, data=data) for endpoint in endpoints
    ]
    for endpoint_id in {delivery.endpoint_id for delivery in deliveries}:
        transaction.on_commit(lambda endpoint_id=endpoint_id: deliver_soon(endpoint_id))
    return deliveries


def deliver_soon(endpoint_id):
    from .tasks import deliver_to

    deliver_to.enqueue(endpoint_id)


def api_url(path):
    return f"{settings.WAGTAILAPI_BASE_URL}{path}"


def path_of(url):
    return urlsplit(url).path if url else None


def review_data(change, review=None):
    """A review's event data: where it is (and was), its index, film and tags."""
    data = {
        "id": change.page_id,
        "type": change.page_type,
        "slug": None,
        "html_url": change.html_url or None,
        "detail_url": api_url(reverse("wagtailapi_v2:pages:detail", args=[change.page_id])),
        "path": path_of(change.html_url),
        "old_path": path_of(change.old_html_url),
        "index": None,
        "film": None,
        "tags": [],
    }
    if review is None:  # deleted: its old address is what is left
        data["slug"] = (data["old_path"] or "").rstrip("/").rsplit("/", 1)[-1] or None
        data["detail_url"] = None
        return data
    index = review.get_parent()
    data["slug"] = review.slug
    data["index"] = {"id": index.pk, "html_url": frontend_html_url(index)}
    if review.film:
        data["film"] = {"id": review.film.pk, "title": review.film.title}
    data["tags"] = sorted(tag.name for tag in review.tags.all())
    return data


def record_review_change(change):
    if change.page_type != FilmReviewPage._meta.label:
        return
    review = FilmReviewPage.objects.filter(pk=change.page_id).select_related("film").first()
    data = review_data(change, review)
    if review is None:  # deleted: where it was listed, as noted before it went
        data.update(being_deleted.__dict__.pop(change.page_id, {}))
    record(REVIEW_EVENTS[change.event], data)


def note_review_before_deletion(review):
    """The lists a review being deleted was in (its index, film and tags), for its
    event, which is recorded once its row is gone."""
    index = review.get_parent()
    being_deleted.__dict__[review.pk] = {
        "index": {"id": index.pk, "html_url": frontend_html_url(index)},
        "film": {"id": review.film.pk, "title": review.film.title} if review.film else None,
        "tags": sorted(tag.name for tag in review.tags.all()),
    }


def reply_data(reply):
    review = reply.page
    return {
        "id": reply.pk,
        "parent": reply.parent_id,
        "review": {
            "id": review.pk,
            "html_url": frontend_html_url(review),
            "replies_url": api_url(f"{reverse('replies')}?page={review.pk}"),
        },
    }


def film_data(film):
    reviews = FilmReviewPage.objects.live().public().filter(film=film).order_by("pk")
    return {
        "id": film.pk,
        "title": film.title,
        "release_year": film.release_year,
        "reviews": [{"id": review.pk, "html_url": frontend_html_url(review)} for review in reviews],
    }


def ping(endpoint):
    """A test event for one endpoint, whatever it subscribes to."""
    return record(PING, {"endpoint": endpoint.pk}, endpoints=[endpoint])[0]
