"""What editors and the site do to replies: moderate them, forget the addresses they were
sent from, erase a reader's data. Each reply is saved on its own, so that whatever
listens for changes to replies (the API's response cache) hears of every one."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import Reply

# What a reply whose reader asked to be forgotten is signed with.
ERASED_NAME = "Anonymous"


@transaction.atomic
def set_status(replies, status, user=None):
    """Gives the replies this status, in each one's history as the user's doing; returns
    how many changed."""
    changed = 0
    for reply in replies:
        if reply.status != status:
            reply.status = status
            reply.save(update_fields=["status"])
            log(reply, "replies.moderate", user=user, data={"status": status})
            changed += 1
    return changed


def forget_old_addresses():
    """Drops the client address and user agent of replies older than
    ``REPLIES_KEEP_ADDRESSES_DAYS``; returns how many replies had them."""
    cutoff = timezone.now() - timedelta(days=settings.REPLIES_KEEP_ADDRESSES_DAYS)
    old = Reply.objects.filter(created_at__lt=cutoff).exclude(ip_address=None, user_agent="")
    return old.update(ip_address=None, user_agent="")


def forget_old_addresses_now_and_then():
    """``forget_old_addresses``, at most once a minute: as replies come in, and as
    moderators look at them, so that no address outstays its days for long."""
    if cache.add("replies:forgot_old_addresses", True, timeout=60):
        forget_old_addresses()


@transaction.atomic
def erase_reader_data(email):
    """Anonymises every reply sent with this email address, in any case: no name, email,
    website, address or user agent is left, and the text stays where it was, as
    WordPress's eraser leaves comments. Returns how many replies it anonymised."""
    replies = Reply.objects.filter(email__iexact=email.strip()).select_for_update()
    count = 0
    for reply in replies:
        reply.name = ERASED_NAME
        reply.email = ""
        reply.website = ""
        reply.ip_address = None
        reply.user_agent = ""
        reply.save(update_fields=["name", "email", "website", "ip_address", "user_agent"])
        count += 1
    return count
