"""Load the documented categories, departments, status options, urgency levels and badges."""

from django.db import migrations

from townspark.reference_data import reference_data_load


def load(apps, schema_editor):
    reference_data_load(apps)


def unload(apps, schema_editor):
    for model_name in ("Badge", "UrgencyLevel", "StatusOption", "Category", "Department"):
        apps.get_model("townspark", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("townspark", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
