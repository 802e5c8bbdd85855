"""App configuration for GatherHub."""

from django.apps import AppConfig


class GatherHubConfig(AppConfig):
    name = "gatherhub"
    verbose_name = "GatherHub"
    default_auto_field = "django.db.models.BigAutoField"
