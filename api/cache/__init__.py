"""A cache of the public API's responses that is never stale, whichever process serves them.

A response is stored in Django's cache (Redis where ``REDIS_URL`` is set) with the *tags*
of everything it shows: each page, film, reviewer, image and document loaded while it
was built (``page:5``, ``film:2``), and, for a listing, what can change which items it
lists (``page:list``). Saving or deleting any of those objects bumps its tags in the
``ApiCacheTag`` table, in the same transaction as the change.

Before a response is built, the ``generation`` row's counter is read; the stored response
is served again only while none of its tags has been bumped past that generation. One
indexed query per hit checks that, so a publish is seen by every process the moment it
commits, and only the responses that show what changed are rebuilt. The ``epoch`` row,
random and made with the table's first row, keeps a cache that outlives its database (a
restore, a new development database beside the same Redis) from serving old responses.

A stored response is served only to a request that would have been given the same
bytes: the key holds the path, the query and the representation that content
negotiation picks (``Accept: application/json; indent=4`` is another entry).

- ``tags``: what a tag names, and which tags a change bumps;
- ``store``: the tag versions in the database, and the entries in Django's cache;
- ``signal_handlers``: which changes bump which tags, and which loads tag a response;
- ``conditional``: ETag, Last-Modified, Cache-Control and 304 answers;
- ``responses``: the view wrapper that serves, builds and stores responses, each kept
  with the encodings (``api.compression``) it has been sent in.
"""
