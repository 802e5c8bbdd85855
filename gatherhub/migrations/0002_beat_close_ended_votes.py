"""Registers the beat schedule of GatherHub: close ended votes every 30 seconds (django-celery-beat's DatabaseScheduler)."""

from django.db import migrations

TASK = "gatherhub.votes_close_ended"
NAME = "gatherhub: close ended votes"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every = IntervalSchedule.objects.filter(every=30, period="seconds").first()
    if every is None:
        every = IntervalSchedule.objects.create(every=30, period="seconds")
    PeriodicTask.objects.update_or_create(name=NAME, defaults={"task": TASK, "interval": every, "enabled": True})


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("gatherhub", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
