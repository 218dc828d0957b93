from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "Public API"

    def ready(self):
        from .cache import signal_handlers
        from .changes import record
        from .openapi import extensions, filters  # noqa: F401 (drf-spectacular's, by import)

        signal_handlers.register_signal_handlers()
        record.register_signal_handlers()
