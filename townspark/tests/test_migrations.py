"""Data migrations run against rows and files as a deployment has them; the issue table's indexes."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

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


# Every upvote and comment moves the issue's row to count it, and an update that moves a row writes
# to every index of its table: each index here is paid for on the hot writes (issue #16).
ISSUE_INDEXES = {
    "btree (id)",
    "btree (number)",
    "btree (created_at, number)",
    "btree (upvote_count, created_at, number)",
    "btree (comment_count, created_at, number)",
    "btree (latitude, longitude)",
    "btree (assigned_resolver_id, status)",  # also the assigned resolver's own look-ups: no index of its own
    "btree (status)",
    "btree (area)",
    "btree (category_id)",
    "btree (department_id)",
    "btree (reporter_id)",
    "btree (resolved_at)",
    "gin (upper((title)::text) gin_trgm_ops)",
    "gin (upper(description) gin_trgm_ops)",
}


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes (CI runs on it)")
def test_the_issue_table_keeps_only_the_indexes_its_queries_use():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'townspark_issue'"
        )
        definitions = [definition.split(" USING ", 1)[1] for (definition,) in cursor.fetchall()]
    assert sorted(definitions) == sorted(ISSUE_INDEXES)
