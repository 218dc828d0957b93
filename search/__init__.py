"""Search: how readers search reviews through the API, and how the index is kept.

- ``backends``: the search backend settings (Wagtail's database backend).
- ``queries``: the checks a search's input passes before it reaches the backend.
- ``filters``: the API's search filter, and how other filters combine with a search.
- ``indexing``: bulk indexing, shared by commands that write content in bulk.

What a review is searched by is declared with the model, in
``FilmReviewPage.search_fields``.
"""
