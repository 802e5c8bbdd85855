"""App configuration for Ressourcefy."""

from django.apps import AppConfig


class RessourcefyConfig(AppConfig):
    name = "ressourcefy"
    verbose_name = "Ressourcefy"
    default_auto_field = "django.db.models.BigAutoField"
