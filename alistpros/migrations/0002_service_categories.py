"""The service categories pros choose from (the spec's list, extended with the usual home trades)."""

from django.db import migrations

CATEGORIES = [
    ("Plumbing", "Professional plumbing services including repair, installation, and maintenance"),
    ("Electrical", "Licensed electrical services for residential and commercial properties"),
    ("HVAC", "Heating, ventilation and air conditioning installation and repair"),
    ("Roofing", "Roof inspection, repair and replacement"),
    ("Carpentry", "Custom woodwork, framing, cabinets and trim"),
    ("Painting", "Interior and exterior painting and finishing"),
    ("Landscaping", "Garden design, lawn care and outdoor hardscaping"),
    ("Cleaning", "Residential and move-in/move-out cleaning"),
    ("Flooring", "Hardwood, tile, vinyl and carpet installation"),
    ("General Contracting", "Renovations and remodels managed from start to finish"),
]


def add_categories(apps, schema_editor):
    ServiceCategory = apps.get_model("alistpros", "ServiceCategory")
    for name, description in CATEGORIES:
        ServiceCategory.objects.get_or_create(name=name, defaults={"description": description})


def remove_categories(apps, schema_editor):
    apps.get_model("alistpros", "ServiceCategory").objects.filter(name__in=[name for name, _ in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("alistpros", "0001_initial")]

    operations = [migrations.RunPython(add_categories, remove_categories)]
