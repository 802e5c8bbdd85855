"""Data migrations run against rows and files as a deployment has them."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from townspark.models import ResolverProfile

move_to_private_storage = importlib.import_module(
    "townspark.migrations.0005_id_document_private_storage"
).move_to_private_storage


@pytest.mark.django_db
def test_id_documents_leave_public_media(settings, tmp_path, resolver):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    name = default_storage.save("townspark/resolver_docs/2024/05/id.pdf", ContentFile(b"%PDF-1.4 old"))
    ResolverProfile.objects.filter(user=resolver).update(id_document=name)
    move_to_private_storage(apps, schema_editor=None)
    assert not (tmp_path / "media" / name).exists()
    assert (tmp_path / "private" / name).read_bytes() == b"%PDF-1.4 old"
    move_to_private_storage(apps, schema_editor=None)  # safe to run again
    with ResolverProfile.objects.get(user=resolver).id_document.open("rb") as document:
        assert document.read() == b"%PDF-1.4 old"
