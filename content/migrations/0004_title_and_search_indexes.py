"""Indexes on Wagtail's own tables, for the API's ordering by title and its search.

The search index is PostgreSQL's: Wagtail's database backend matches a query against
``title || body``, which its separate indexes on ``title`` and ``body`` cannot serve.
SQLite searches with FTS5 and needs nothing.
"""

from django.db import migrations

SEARCH_INDEX = "content_search_title_body_gin"


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} "
            "ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_api_cache_tag"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX content_page_title_idx ON wagtailcore_page (title)",
            "DROP INDEX content_page_title_idx",
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
