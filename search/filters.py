"""The API's search filter, and how the API's other filters combine with a search.

The search filter comes last among an endpoint's filters: it hands the filtered queryset
to the search backend, which takes filters only on the fields a model declares as
``index.FilterField``.
"""

from types import SimpleNamespace

from wagtail.api.v2 import filters

from .queries import search_text

# The query parameter that asks for a search (Wagtail's SearchFilter reads it).
SEARCH_PARAMETER = "search"


class SearchFilter(filters.SearchFilter):
    """Wagtail's search filter (``?search=``), given the search's words as the backends
    take them (``search.queries.search_text``). A search of no words finds nothing."""

    def filter_queryset(self, request, queryset, view):
        if SEARCH_PARAMETER not in request.GET:
            return queryset
        text = search_text(request.GET[SEARCH_PARAMETER])
        if not text:
            return queryset.none()
        # Wagtail's filter reads only the request's query.
        params = request.GET.copy()
        params[SEARCH_PARAMETER] = text
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


def filter_for_search(queryset, conditions, request):
    """The queryset narrowed by ``conditions``, in a form the search backend can take
    when the request asks for a search.

    Conditions on undeclared fields (EXISTS subqueries, related models) reach the search
    backend as a set of ids, which every page declares. Without a search they stay as
    they are, so that the database starts from the few matching rows.
    """
    if SEARCH_PARAMETER not in request.GET:
        return queryset.filter(*conditions)
    matching = queryset.model._default_manager.filter(*conditions)
    return queryset.filter(id__in=matching.values("id"))
