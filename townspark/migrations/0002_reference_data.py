"""Load the documented categories, departments, status options, urgency levels and badges."""

from django.db import migrations

from townspark import reference_data


def load(apps, schema_editor):
    tables = [
        ("Department", reference_data.DEPARTMENTS),
        ("Category", reference_data.CATEGORIES),
        ("StatusOption", reference_data.STATUS_OPTIONS),
        ("UrgencyLevel", reference_data.URGENCY_LEVELS),
        ("Badge", reference_data.BADGES),
    ]
    for model_name, rows in tables:
        model = apps.get_model("townspark", model_name)
        for order, row in enumerate(rows):
            fields = {key: value for key, value in row.items() if key != "id"}
            model.objects.update_or_create(id=row["id"], defaults={**fields, "order": order})
    apps.get_model("townspark", "IssueCounter").objects.get_or_create(name="issue", defaults={"value": 999})


def unload(apps, schema_editor):
    for model_name in ("Badge", "UrgencyLevel", "StatusOption", "Category", "Department"):
        apps.get_model("townspark", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("townspark", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
