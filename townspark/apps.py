"""App configuration for TownSpark."""

from django.apps import AppConfig


class TownSparkConfig(AppConfig):
    name = "townspark"
    verbose_name = "TownSpark"
    default_auto_field = "django.db.models.BigAutoField"
