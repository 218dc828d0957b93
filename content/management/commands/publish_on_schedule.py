import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

# Wagtail's scheduling, in the admin, is to the minute.
INTERVAL_SECONDS = 60

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Publishes and unpublishes what editors scheduled, every minute until stopped "
        "(Wagtail's publish_scheduled, run on a loop): make run starts it beside the CMS."
    )

    def handle(self, *args, **options):
        self.stdout.write("Publishing on schedule every minute; stop with Ctrl+C.")
        try:
            while True:
                started = time.monotonic()
                # A connection the database dropped (a restart) is replaced, as a request
                # would replace it: nothing else does in a long-running command.
                close_old_connections()
                try:
                    call_command("publish_scheduled")
                except Exception:
                    # A database locked or restarting this minute may answer the next:
                    # the schedule keeps running, and the error is in the log.
                    logger.exception("Scheduled publishing failed; trying again in a minute")
                time.sleep(max(0, INTERVAL_SECONDS - (time.monotonic() - started)))
        except KeyboardInterrupt:
            self.stdout.write("Stopped publishing on schedule.")
