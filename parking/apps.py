"""App configuration for Parking in a Pinch."""

from django.apps import AppConfig


class ParkingConfig(AppConfig):
    name = "parking"
    verbose_name = "Parking in a Pinch"
    default_auto_field = "django.db.models.BigAutoField"
