"""App configuration for Ressourcefy."""

from django.apps import AppConfig


class RessourcefyConfig(AppConfig):
    name = "ressourcefy"
    verbose_name = "Ressourcefy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers Ressourcefy's Stripe webhook handlers and outbox consumers.
        from ressourcefy.services import audit, billing, outbox  # noqa: F401

        audit.audit_models_register()
