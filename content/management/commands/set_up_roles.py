from django.core.management.base import BaseCommand

from content.roles import ROLE_PERMISSIONS, set_up_roles


class Command(BaseCommand):
    help = (
        "Gives Wagtail's Editors and Moderators groups the rights of their roles (see the "
        "README's editor guide). Running it again changes nothing; load_demo runs it."
    )

    def handle(self, *args, **options):
        set_up_roles()
        for group_name in ROLE_PERMISSIONS:
            self.stdout.write(f"  {group_name}: ready")
