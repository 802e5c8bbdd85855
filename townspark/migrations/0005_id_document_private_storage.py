"""Resolver ID documents move to private storage (PRIVATE_MEDIA_ROOT): no longer reachable under /media/."""

from django.core.files.storage import default_storage
from django.db import migrations, models

import core.private_media


def move_to_private_storage(apps, schema_editor):
    """Move documents already stored as public media; the same relative name, so rows stay as they are."""
    ResolverProfile = apps.get_model("townspark", "ResolverProfile")
    private = core.private_media.PrivateMediaStorage()
    for name in ResolverProfile.objects.exclude(id_document="").values_list("id_document", flat=True).iterator():
        if not default_storage.exists(name):
            continue
        if not private.exists(name):
            with default_storage.open(name, "rb") as public_file:
                private.save(name, public_file)
        default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("townspark", "0004_search_trigram_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="resolverprofile",
            name="id_document",
            field=models.FileField(
                blank=True,
                storage=core.private_media.PrivateMediaStorage(),
                upload_to="townspark/resolver_docs/%Y/%m/",
            ),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop, elidable=True),
    ]
