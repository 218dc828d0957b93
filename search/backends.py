"""The search backend settings, which ``cms/settings/base.py`` reads.

Wagtail's database backend searches in the database itself (PostgreSQL's full-text
search, or SQLite's FTS5), so search needs no server of its own.
https://docs.wagtail.org/en/stable/topics/search/backends.html
"""

WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL's "english" configuration drops stop words, and film titles such as
        # Her, Up or It are nothing else; "simple" keeps every word.
        "SEARCH_CONFIG": "simple",
    },
}
