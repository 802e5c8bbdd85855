"""App configuration for the shared core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Platform core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.docs import extensions  # noqa: F401 - registers the OpenAPI auth scheme and id fields
        from core.products import registry

        registry.connect_signals()
