"""Which reviews use a film, a reviewer or an image: deleting one they use is refused.

Wagtail's reference index holds what page rows point at: a review's live version, or the
draft of a review never published. A review's newer draft, and a revision scheduled to go
live, exist only as revisions, which the index does not read; deleting what they point at
would leave the draft unable to open, or put a review live without its film. Those
revisions are read too.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.models import ReferenceIndex, Revision

from .models import FilmReviewPage


def revisions_that_may_go_live():
    """The reviews' revisions that are not their page row and may still go live: the
    latest revision of each review with unpublished changes, and scheduled ones."""
    drafts = FilmReviewPage.objects.filter(has_unpublished_changes=True).values("latest_revision")
    return Revision.page_revisions.filter(
        Q(pk__in=drafts) | Q(approved_go_live_at__isnull=False),
        content_type=ContentType.objects.get_for_model(FilmReviewPage),
    )


def reviews_using(objects):
    """For each of ``objects``, the reviews whose live version, current draft or
    scheduled revision point at it, by title."""
    review_type = ContentType.objects.get_for_model(FilmReviewPage)
    keys = {obj: (ReferenceIndex._get_base_content_type(obj).pk, str(obj.pk)) for obj in objects}
    review_ids = {
        obj: {
            int(object_id)
            for object_id in ReferenceIndex.get_references_to(obj)
            .filter(content_type=review_type)
            .values_list("object_id", flat=True)
        }
        for obj in objects
    }
    # Each revision is read once, however many objects are being deleted.
    for revision in revisions_that_may_go_live():
        found = ReferenceIndex._extract_references_from_object(revision.as_object())
        references = {(content_type_id, object_id) for content_type_id, object_id, *_ in found}
        for obj, key in keys.items():
            if key in references:
                review_ids[obj].add(int(revision.object_id))
    return {
        obj: list(FilmReviewPage.objects.filter(pk__in=ids).order_by("title"))
        for obj, ids in review_ids.items()
    }


def linked_reviews(reviews_and_notes):
    """A list for an admin message: each review linked to its edit view, then its note."""
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            '<li><a href="{}">{}</a>{}</li>',
            (
                (
                    reverse("wagtailadmin_pages:edit", args=[review.pk]),
                    review.get_admin_display_title(),
                    note,
                )
                for review, note in reviews_and_notes
            ),
        ),
    )


def refuse_deleting_what_reviews_use(request, objects, back_url):
    """A redirect to ``back_url`` with a message naming the reviews that use each of
    ``objects``, or None when no review uses any of them."""
    refusals = [(obj, reviews) for obj, reviews in reviews_using(objects).items() if reviews]
    if not refusals:
        return None
    for obj, reviews in refusals:
        messages.error(
            request,
            format_html(
                "“{}” cannot be deleted: {} use it. Choose another in each first, "
                "in its current draft too.{}",
                obj,
                "a review" if len(reviews) == 1 else f"{len(reviews)} reviews",
                linked_reviews(
                    (review, " (draft)" if review.has_unpublished_changes else "")
                    for review in reviews
                ),
            ),
        )
    return redirect(back_url)
