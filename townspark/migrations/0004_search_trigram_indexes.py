"""Trigram indexes for the feed's `search` (title and description, case-insensitive), on PostgreSQL only.

`icontains` compiles to `UPPER(col::text) LIKE UPPER('%term%')`: a GIN index of the same
expression with pg_trgm's operator class serves it, where a B-tree cannot. pg_trgm ships with
PostgreSQL (and is a trusted extension: the database owner may create it). Other databases
keep scanning, which is fine at their sizes.
"""

from django.db import migrations

INDEXES = {
    "townspark_issue_title_trgm": "UPPER((title)::text)",
    "townspark_issue_description_trgm": "UPPER(description)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON townspark_issue USING gin (({expression}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("townspark", "0003_feed_indexes")]

    operations = [migrations.RunPython(create, drop)]
