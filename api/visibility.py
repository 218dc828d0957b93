"""What the public may see: the one rule that every endpoint, and the response cache's
invalidation, follow.

- Pages: live, outside every view restriction (password, login or group), under the
  site the request is for. The public API answers every client as an anonymous reader,
  so that no session opens a restricted page here, nor puts one into the cache that all
  clients share.
- Images and documents: outside every collection with a view restriction, and the
  collections under it.

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


def media_under(model, collection):
    """The images or documents in the collection and those under it: what a view
    restriction on it hides."""
    return model.objects.filter(
        collection__in=Collection.objects.descendant_of(collection, inclusive=True)
    )
