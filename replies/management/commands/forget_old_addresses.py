from django.conf import settings
from django.core.management.base import BaseCommand

from replies.moderation import forget_old_addresses


class Command(BaseCommand):
    help = (
        "Drops the client address and user agent of replies older than "
        "REPLIES_KEEP_ADDRESSES_DAYS. New replies and the admin's Replies listing do it "
        "as they come; a site where neither happens for days runs this daily."
    )

    def handle(self, *args, **options):
        count = forget_old_addresses()
        noun = "reply" if count == 1 else "replies"
        self.stdout.write(
            f"Dropped the addresses of {count} {noun} older than "
            f"{settings.REPLIES_KEEP_ADDRESSES_DAYS} days."
        )
