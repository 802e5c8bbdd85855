"""App configuration for Parking in a Pinch."""

from django.apps import AppConfig


class ParkingConfig(AppConfig):
    name = "parking"
    verbose_name = "Parking in a Pinch"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers Parking's Stripe webhook handlers (core.payments.webhooks.webhook_handler).
        from parking.services import payments  # noqa: F401
