"""What the public may see: the one rule that the API's endpoints, the response cache's
invalidation, rich text and the review's image fields all follow.

- Pages: live, outside every view restriction (password, login or group), under the
  site the request is for. The public API answers every client as an anonymous reader,
  so that no session opens a restricted page there, nor puts one into the cache that
  all clients share.
- Images and documents: outside every collection with a view restriction, and the
  collections under it, wherever they appear: in their own endpoints, as a review's
  images, in rich text.

A restriction hides what lies under it, so a change to one changes what the public sees
of that whole subtree: ``pages_under`` and ``media_under`` say which.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Collection, Page


def public_pages(request):
    """The pages the public may see, on the site that the request's host, or its
    ``?site=`` (``hostname[:port]``), names.

    Raises ``Http404`` for a ``?site=`` that names no site, and ``ValueError`` for one
    that names several.
    """
    pages = Page.objects.live().public()
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if site is None:
        return pages.none()
    on_site = pages.descendant_of(site.root_page, inclusive=True)
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        for translation in site.root_page.get_translations():
            on_site |= pages.descendant_of(translation, inclusive=True)
    return on_site


def public_page_ids(ids):
    """Which of these pages the public may see, on any site (for links between pages)."""
    return set(Page.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True))


def pages_under(page):
    """The page and every page under it: what a view restriction on it hides."""
    return Page.objects.descendant_of(page, inclusive=True)


def restricted_collections():
    """Collections with a view restriction, and every collection under one."""
    under_restriction = Q()
    for path in Collection.objects.filter(view_restrictions__isnull=False).values_list(
        "path", flat=True
    ):
        under_restriction |= Q(path__startswith=path)
    if not under_restriction:
        return Collection.objects.none()
    return Collection.objects.filter(under_restriction)


def public_media(model):
    """The images or documents (``model``) the public may see."""
    return model.objects.exclude(collection__in=restricted_collections())


# Where is_public_media keeps the restricted collections' ids for one response.
MEMO_KEY = "headless.visibility.restricted_collection_ids"


def is_public_media(media, memo):
    """Whether the public may see this image or document. ``memo``, a dict that lives as
    long as one response (a serializer's context), keeps the restricted collections'
    ids, so that a response asks for them once, however many images it shows."""
    if MEMO_KEY not in memo:
        memo[MEMO_KEY] = set(restricted_collections().values_list("pk", flat=True))
    return media.collection_id not in memo[MEMO_KEY]


def media_under(model, collection):
    """The images or documents in the collection and those under it: what a view
    restriction on it hides."""
    return model.objects.filter(
        collection__in=Collection.objects.descendant_of(collection, inclusive=True)
    )
