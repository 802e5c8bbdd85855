"""No `_like` pattern-ops indexes: the schema editor leaves them out and a migration drops older ones."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.backends.postgresql.schema import DatabaseSchemaEditor as DjangoSchemaEditor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend (CI runs on it)"),
]

migration = importlib.import_module("core.migrations.0002_no_pattern_ops_indexes")
drop_pattern_ops_indexes, PATTERN_OPS_INDEXES = migration.drop_pattern_ops_indexes, migration.PATTERN_OPS_INDEXES


def _pattern_ops_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(PATTERN_OPS_INDEXES)
        return {name for (name,) in cursor.fetchall()}


def _indexes_of(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s", [table]
        )
        return {name for (name,) in cursor.fetchall()}


def test_an_indexed_text_column_gets_its_btree_and_no_like_index():
    realm = get_user_model()._meta.get_field("realm")
    assert realm.db_index
    with connection.schema_editor() as editor:
        assert editor._create_like_index_sql(realm.model, realm) is None
        # Django's own editor would add one: the test would notice if Django stopped doing so.
        assert DjangoSchemaEditor._create_like_index_sql(editor, realm.model, realm) is not None
    table = realm.model._meta.db_table
    assert not {name for name in _indexes_of(table) if name.endswith("_like")}
    assert any(name.startswith(f"{table}_realm_") for name in _indexes_of(table))


def test_the_migrated_database_has_no_pattern_ops_index():
    assert _pattern_ops_indexes() == set()


def test_the_migration_drops_djangos_like_indexes_and_nothing_else():
    table = get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX core_user_username_x_like ON {table} (username varchar_pattern_ops)")
        cursor.execute(f"CREATE INDEX core_user_plain_like ON {table} (username)")  # `_like` by name only
        cursor.execute(f"CREATE INDEX core_user_pattern_ops_kept ON {table} (username varchar_pattern_ops)")
    assert _pattern_ops_indexes() == {"core_user_username_x_like"}
    with connection.schema_editor() as editor:
        drop_pattern_ops_indexes(None, editor)
        drop_pattern_ops_indexes(None, editor)  # nothing left to drop: runs again cleanly
    names = _indexes_of(table)
    assert "core_user_username_x_like" not in names
    assert {"core_user_plain_like", "core_user_pattern_ops_kept"} <= names
