"""The change feed, ``/api/v2/changes/``: what happened to pages as the public sees them,
for builds that rebuild only what changed and frontends that revalidate their routes.

- ``record``: which changes make which events (publishing, unpublishing, deleting,
  moving or renaming a page, and view restrictions that hide or show pages), recorded
  in the transaction of the change;
- ``views``: the endpoint, its cursor (``since``), and the 410 for a cursor older than
  the feed keeps (``API_CHANGES_RETENTION_DAYS``).
"""
