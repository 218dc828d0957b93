"""Which reviews use a film, a reviewer or an image: deleting one they use is refused.

Wagtail's reference index holds what page rows point at: a review's live version, or the
draft of a review never published. A live review's newer draft lives only in a revision,
which the index does not read; deleting what it points at would leave the draft unable
to open, so those drafts are read too.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.models import ReferenceIndex

from .models import FilmReviewPage


def reviews_using(obj):
    """The reviews whose live version or current draft point at ``obj``, by title."""
    review_type = ContentType.objects.get_for_model(FilmReviewPage)
    review_ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(obj)
        .filter(content_type=review_type)
        .values_list("object_id", flat=True)
    }
    target = (ReferenceIndex._get_base_content_type(obj).pk, str(obj.pk))
    drafts_of_live_reviews = FilmReviewPage.objects.filter(
        live=True, has_unpublished_changes=True
    ).select_related("latest_revision")
    for review in drafts_of_live_reviews.exclude(pk__in=review_ids):
        draft = review.latest_revision.as_object()
        references = ReferenceIndex._extract_references_from_object(draft)
        if any(
            (content_type_id, object_id) == target for content_type_id, object_id, *_ in references
        ):
            review_ids.add(review.pk)
    return FilmReviewPage.objects.filter(pk__in=review_ids).order_by("title")


def refuse_deleting_what_reviews_use(request, objects, back_url):
    """A redirect to ``back_url`` with a message naming the reviews that use each of
    ``objects``, or None when no review uses any of them."""
    refusals = [(obj, reviews) for obj in objects if (reviews := list(reviews_using(obj)))]
    if not refusals:
        return None
    for obj, reviews in refusals:
        messages.error(
            request,
            format_html(
                "“{}” cannot be deleted: {} use it. Choose another in each first, "
                "in its current draft too.<ul>{}</ul>",
                obj,
                "a review" if len(reviews) == 1 else f"{len(reviews)} reviews",
                format_html_join(
                    "",
                    '<li><a href="{}">{}</a>{}</li>',
                    (
                        (
                            reverse("wagtailadmin_pages:edit", args=[review.pk]),
                            review.get_admin_display_title(),
                            " (draft)" if review.has_unpublished_changes else "",
                        )
                        for review in reviews
                    ),
                ),
            ),
        )
    return redirect(back_url)
