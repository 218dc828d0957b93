from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from replies.moderation import ERASED_NAME, erase_reader_data


class Command(BaseCommand):
    help = (
        "Erases what the replies sent with this email address (in any case) say of the "
        f"reader: their name becomes “{ERASED_NAME}”, their email, website, client "
        "address and user agent are removed. The text of the replies stays."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The reader's email address.")

    def handle(self, *args, email, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address") from error
        count = erase_reader_data(email)
        noun = "reply" if count == 1 else "replies"
        self.stdout.write(f"Anonymised {count} {noun} sent with {email.strip()}.")
