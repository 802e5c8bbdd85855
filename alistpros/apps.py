"""App configuration for A-List Home Pros."""

from django.apps import AppConfig


class AListProsConfig(AppConfig):
    name = "alistpros"
    verbose_name = "A-List Home Pros"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers A-List's Stripe webhook handlers (core.payments.webhooks.webhook_handler).
        from alistpros.services import payments  # noqa: F401
