"""Registers Parking's booking beat tasks (django-celery-beat's DatabaseScheduler): expire unconfirmed bookings
every 10 minutes, prune ended availability windows every 30 minutes."""

from django.db import migrations

TASKS = [
    ("parking: expire unconfirmed bookings", "parking.cleanup_expired_bookings", 10),
    ("parking: prune ended availability windows", "parking.update_listing_availability", 30),
]


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, minutes in TASKS:
        every = IntervalSchedule.objects.filter(every=minutes, period="minutes").first()
        if every is None:
            every = IntervalSchedule.objects.create(every=minutes, period="minutes")
        PeriodicTask.objects.update_or_create(name=name, defaults={"task": task, "interval": every, "enabled": True})


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[t[0] for t in TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("parking", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
