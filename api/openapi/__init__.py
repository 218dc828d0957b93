"""The OpenAPI description of the public API, served at /api/schema/ by drf-spectacular.

Wagtail's API viewsets build their serializers per request (``?type=`` and ``?fields=``
choose them), which drf-spectacular cannot inspect alone. This package teaches it, and
otherwise lets it read what the code states:

- ``schema.WagtailEndpointSchema`` describes each endpoint's operations from its viewset:
  Wagtail's serializer of each item type with every field, the viewset's filters and
  pagination, its errors;
- ``extensions`` describe Wagtail's serializer fields (what its dynamic serializers
  hide) and nest their ``meta`` fields as Wagtail does;
- ``filters`` describe the query parameters of Wagtail's filter backends; ours, and the
  pagination, describe their own;
- ``blocks`` derives the schema of a StreamField's value from its blocks;
- ``hooks`` keep the document to the public API and close every object to properties
  it does not describe.

``tests/api/test_openapi.py`` runs schemathesis against the served document to keep it
true to the responses.
"""
