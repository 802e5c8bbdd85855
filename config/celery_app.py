"""The Celery application: configured from Django settings, tasks discovered in every installed app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("multiproduct")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
