"""Pages that live at the frontend, not on the CMS, and what of the site the public sees.

- ``models.HeadlessPageMixin``: page URLs, "View live" and previews point at
  ``FRONTEND_URL``; preview tokens that expire and name their editor.
- ``visibility``: what the public may see, pages and media: the one rule that the API's
  endpoints, its cache, rich text and the review's images follow.
- ``rich_text``: links in rich text to pages open in the frontend, links to documents on
  the CMS, which serves the files; what names nothing public renders harmlessly
  (registered in ``wagtail_hooks``). ``references`` checks what rich text names.

Every page type puts the mixin first in its bases. Nothing here knows about reviews or
about the API; both read from here.
"""
