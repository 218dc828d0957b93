from django.apps import AppConfig


class ContentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "content"
    verbose_name = "Reviews"

    def ready(self):
        from . import scheduling  # noqa: F401 (connects its receiver)
