"""Pages that live at the frontend, not on the CMS.

- ``models.HeadlessPageMixin``: page URLs, "View live" and previews point at
  ``FRONTEND_URL``; preview tokens that expire and name their editor.
- ``rich_text``: links in rich text to pages open in the frontend, links to documents on
  the CMS, which serves the files (registered in ``wagtail_hooks``).

Every page type puts the mixin first in its bases. Nothing here knows about reviews or
about the API; both read from here.
"""
