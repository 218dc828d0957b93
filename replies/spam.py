"""The spam check that ships: too many links, or a word or address from a blocklist.

``REPLIES_SPAM_CHECK`` names the check the API runs on each reply before saving it: a
callable taking the unsaved reply and the request, returning True for spam. Spam is
saved as spam, for the editors to look over, and never published. To use Akismet,
point the setting at a function of your own that asks it (see the README).
"""

import re
import unicodedata

from django.conf import settings

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def too_many_links_or_blocklisted(reply, request):
    # The website is a link of its own; the name and the text should hold few.
    if len(LINK.findall(f"{reply.name}\n{reply.body}")) > settings.REPLIES_MAX_LINKS:
        return True
    text = folded("\n".join([reply.name, reply.email, reply.website, reply.body]))
    return any(folded(word) in text for word in settings.REPLIES_BLOCKLIST)


def folded(text):
    """The text in one case, with look-alike forms (fullwidth letters) made plain."""
    return unicodedata.normalize("NFKC", text).casefold()
