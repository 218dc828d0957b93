"""The public read API: Wagtail API v2 under /api/v2/, its OpenAPI document and docs.

Read it in the order a request takes:

- ``urls`` and ``router``: the addresses, and the endpoints registered under /api/v2/;
- ``cors``: which origins and headers browsers may use, before any view;
- ``views``: the endpoints. ``PublicEndpoint.as_view`` sets out what every request goes
  through: the rate limit (``throttling``), the response cache (``cache``, which
  compresses with ``compression``), then DRF and Wagtail, which read query parameters
  (``validation``, ``filters``, ``pagination``, by cursor or offset);
- ``taxonomies``: the tags, films, composers and reviewers of the public reviews;
- ``changes``: the change feed, and the events it records;
- ``serializers``: page addresses at the frontend, for the pages Wagtail serialises;
- ``preview``: an editor's draft by preview token, through the pages serializer;
- ``openapi``: the OpenAPI document, derived from the code above.

What the public may see is ``headless.visibility``, which every endpoint and the cache
ask. Page types describe themselves (``api_fields``, ``prefetch_for_api``) and this app
reads them; nothing in ``content`` imports from here.
"""
