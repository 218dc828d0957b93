from django.apps import AppConfig


class RepliesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "replies"
    verbose_name = "Reader replies"

    def ready(self):
        from . import checks, demo_content  # noqa: F401  (they register themselves)
