"""How the API's filters combine with a search.

The API's last filter is Wagtail's ``SearchFilter`` (``?search=``): it hands the filtered
queryset to the search backend, which takes filters only on the fields a model declares
as ``index.FilterField``.
"""

# The query parameter that asks for a search (Wagtail's SearchFilter reads it).
SEARCH_PARAMETER = "search"


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
