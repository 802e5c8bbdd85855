"""Drops the `*_like` pattern-ops indexes Django created before core's schema editor left them out.

A new database never gets them (core/db/postgresql/schema.py says why they are not needed);
this brings an older one to the same schema, whichever app's table holds them. Only indexes
named `*_like` whose definition uses `varchar_pattern_ops` or `text_pattern_ops` are dropped:
Django's, by their name and operator class. Reversing leaves them out, as a new database does.
"""

from django.db import migrations

PATTERN_OPS_INDEXES = r"""
    SELECT indexname FROM pg_indexes
    WHERE schemaname = current_schema() AND indexname LIKE '%\_like'
      AND (indexdef LIKE '%varchar\_pattern\_ops%' OR indexdef LIKE '%text\_pattern\_ops%')
"""


def drop_pattern_ops_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(PATTERN_OPS_INDEXES)
        names = [name for (name,) in cursor.fetchall()]
    for name in names:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(drop_pattern_ops_indexes, migrations.RunPython.noop)]
