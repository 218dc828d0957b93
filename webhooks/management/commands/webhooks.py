from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from webhooks.events import ping
from webhooks.models import EVENTS, SHORTEST_SECRET, Endpoint
from webhooks.transport import Refused, check_url


class Command(BaseCommand):
    help = (
        "Manages the webhook endpoints, for deployments that keep their configuration in "
        "code: add, list, remove, ping."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        add = actions.add_parser("add", help="Adds an endpoint.")
        add.add_argument("url", metavar="URL")
        add.add_argument("--secret", help="Signs its deliveries (one is made if not given).")
        add.add_argument(
            "--events",
            required=True,
            help=f"Comma-separated, of: {', '.join(EVENTS)}; or all.",
        )
        add.add_argument("--description", default="")
        actions.add_parser("list", help="Lists the endpoints.")
        remove = actions.add_parser("remove", help="Removes an endpoint, with its deliveries.")
        remove.add_argument("id", type=int, metavar="ID")
        ping_parser = actions.add_parser("ping", help="Sends an endpoint a ping event.")
        ping_parser.add_argument("id", type=int, metavar="ID")

    def handle(self, *args, action, **options):
        getattr(self, action)(**options)

    def add(self, url, secret, events, description, **options):
        names = [name.strip() for name in events.split(",") if name.strip()]
        if names == ["all"]:
            names = list(EVENTS)
        if unknown := [name for name in names if name not in EVENTS]:
            raise CommandError(f"unknown events: {', '.join(unknown)} (known: {', '.join(EVENTS)})")
        if not names:
            raise CommandError(f"--events names none (known: {', '.join(EVENTS)}, or all)")
        if secret is not None and len(secret) < SHORTEST_SECRET:
            raise CommandError(f"--secret is too short: {SHORTEST_SECRET} characters at least")
        endpoint = Endpoint(url=url, events=names, description=description)
        if secret:
            endpoint.secret = secret
        try:
            check_url(url)
            endpoint.full_clean()
        except Refused as error:
            raise CommandError(f"{url}: {error}") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        endpoint.save()
        self.stdout.write(f"Added endpoint {endpoint.pk}: {endpoint.url}")
        if not secret:
            self.stdout.write(f"Its secret, shown this once: {endpoint.secret}")

    def list(self, **options):
        for endpoint in Endpoint.objects.all():
            state = "active" if endpoint.is_active else f"paused ({endpoint.paused_because})"
            self.stdout.write(
                f"{endpoint.pk:>4}  {endpoint.url}  secret {endpoint.secret_hint}  {state}\n"
                f"      events: {', '.join(endpoint.events) or 'none'}"
            )

    def remove(self, id, **options):
        endpoint = self.endpoint(id)
        endpoint.delete()
        self.stdout.write(f"Removed endpoint {id}: {endpoint.url}")

    def ping(self, id, **options):
        with transaction.atomic():
            delivery = ping(self.endpoint(id))
        when = "the worker sends it" if delivery.endpoint.is_active else "sent once it is resumed"
        self.stdout.write(f"Ping {delivery.uuid} queued for endpoint {id}: {when}.")

    def endpoint(self, id):
        try:
            return Endpoint.objects.get(pk=id)
        except Endpoint.DoesNotExist:
            raise CommandError(f"no endpoint has id {id}") from None
