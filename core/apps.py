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
        self._connect_audit()

    @staticmethod
    def _connect_audit() -> None:
        from auditlog import get_logentry_model
        from django.db.models.signals import pre_save

        from core.audit import log_entry_fill

        pre_save.connect(log_entry_fill, sender=get_logentry_model(), dispatch_uid="core_audit_log_entry_fill")
