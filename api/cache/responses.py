"""The view wrapper that serves stored responses while they are true, and builds, tags
and stores them when they are not."""

from functools import wraps

from django.conf import settings
from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.request import Request

from .. import compression
from . import conditional, store
from .signal_handlers import collecting_tags


def cached_view(view, viewset):
    """Wraps a viewset's view: validators on every 200, and stored responses where the
    viewset allows them (``cache_responses``). ``cache_list_tags`` are the tags of a
    listing: what can change which items it lists."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        representation = storable_representation(request, viewset)
        key = None
        if representation and settings.API_CACHE_SECONDS > 0:
            key = store.entry_key(request, representation)
        entry = store.load(key) if key else None
        if entry is not None:
            checked_generation = entry["generation"]
            if store.revalidate(entry):
                return send(request, entry, key, stored=entry["generation"] == checked_generation)

        epoch, generation = store.current_generation() if key else (None, None)
        with collecting_tags() as tags:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        if response.status_code != 200 or response.streaming:
            return response

        if "pk" not in kwargs:
            tags.update(viewset.cache_list_tags)
        # What the content shows is known for responses that are stored, by their tags.
        changed_at = store.last_change(sorted(tags)) if key else None
        if not representation:
            modified = conditional.last_modified(changed_at)
            conditional.add_validators(response, conditional.etag(response.content), modified)
            return conditional.conditional_response(request, response, modified)
        entry = {
            "content": response.content,
            "content_type": response["Content-Type"],
            "etag": conditional.etag(response.content),
            "encodings": {},
            "changed_at": changed_at,
            "epoch": epoch,
            "generation": generation,
            "tags": sorted(tags),
        }
        return send(request, entry, key, stored=False)

    return wrapper


def send(request, entry, key, stored):
    """The public response an entry holds, or a 304, in the encoding the client prefers:
    compressed the first time it is asked for, and kept in the entry from then on.
    ``stored`` says whether the cache holds the entry as it is."""
    encoding = compression.chosen_encoding(request, entry["content"])
    if encoding and encoding not in entry["encodings"]:
        entry["encodings"][encoding] = compression.compress(entry["content"], encoding)
        stored = False
    if key and not stored:
        store.save(key, entry)
    return conditional.stored_response(request, entry, encoding)


def storable_representation(request, viewset):
    """What a stored response for this request must have been rendered as, or None when
    the request's response is for it alone (nor may shared caches keep it).

    That is the renderer and media type that DRF's content negotiation picks, with the
    media type's parameters (``indent=4``) but its quality: a request that would have
    been given other bytes never shares an entry. Only JSON is stored: the browsable
    API's HTML shows who is logged in.
    """
    if not viewset.cache_responses or request.method not in ("GET", "HEAD"):
        return None
    # A random order is another answer each time.
    if "random" in request.GET.get("order", "").split(","):
        return None
    negotiator = viewset.content_negotiation_class()
    renderers = [renderer() for renderer in viewset.renderer_classes]
    try:
        renderer, media_type = negotiator.select_renderer(Request(request), renderers)
    except (NotAcceptable, Http404):  # refused: the view answers with an error
        return None
    if renderer.format != "json":
        return None
    # In the order given: of two indent=, the renderer takes the last.
    parameters = [
        parameter.strip()
        for parameter in media_type.split(";")[1:]
        if not parameter.strip().startswith("q=")
    ]
    return (renderer.format, *parameters)
