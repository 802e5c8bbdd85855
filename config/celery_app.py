"""The Celery application: configured from Django settings, tasks discovered in every installed app."""

import os

from celery import Celery
from celery.app.defaults import DEFAULTS

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("multiproduct")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def settle_settings(sender, **kwargs):
    """Every Celery setting resolved once, where a read finds it first.

    Celery looks a setting up, on every read, under its prefixed, plain and old names in its own
    changes, in Django's settings and in its defaults: about ten failed lookups for each setting
    left at its default, and queueing one task reads ten such settings (a fifth of its cost,
    issue #16). The values are the ones Celery resolved; a later `app.conf.update` still wins.
    """
    sender.conf.update({name: sender.conf[name] for name in DEFAULTS})
