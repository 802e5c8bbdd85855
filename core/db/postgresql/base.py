"""Django's PostgreSQL backend, its `timestamptz` values read by psycopg's own (C) loader when the session is in UTC.

(Its schema editor, which leaves out Django's `_like` indexes, is in schema.py.)

Django registers a Python subclass of psycopg's loader on every connection, to attach its own time
zone to each value (`.replace(tzinfo=...)`). A subclass in Python cannot use the C loader, so each
date-time was parsed in Python: about 3% of the CPU of TownSpark's issue page and home feed (issue
#16, bench/RESULTS.md). Django's connections run in UTC whenever its time zone is UTC (the default:
DATABASES' TIME_ZONE unset), and psycopg's own loader then returns values in `datetime.timezone.utc`:
the same objects Django's loader makes, which the tests hold equal.
"""

import datetime
from functools import cache

from django.db.backends.postgresql import base
from django.db.backends.postgresql.psycopg_any import BaseTzLoader
from psycopg import adapt, adapters
from psycopg.pq import Format

from core.db.postgresql.schema import DatabaseSchemaEditor

UTC = datetime.UTC
TIMESTAMPTZ = adapters.types["timestamptz"].oid
PSYCOPG_LOADER = adapters.get_loader(TIMESTAMPTZ, Format.TEXT)  # the C one when psycopg's binary build is there


class UtcTimestamptzLoader(BaseTzLoader):
    """Django's UTC loader, whose `load` is psycopg's own loader's when the session runs in UTC."""

    timezone = UTC  # Django's backend compares this with its own on every cursor, and re-registers if they differ

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        if self.connection is not None and self.connection.info.timezone is UTC:
            # The C loader's bound method itself: no Python frame per value. On a session set to
            # another zone (not one Django opens), Django's `load` stays, with Django's result.
            self.load = PSYCOPG_LOADER(oid, context).load


@cache
def _with_utc_loader(template: adapt.AdaptersMap) -> adapt.AdaptersMap:
    context = adapt.AdaptersMap(template)
    context.register_loader("timestamptz", UtcTimestamptzLoader)
    return context


class DatabaseWrapper(base.DatabaseWrapper):
    SchemaEditorClass = DatabaseSchemaEditor  # without Django's `_like` indexes (schema.py)

    def get_connection_params(self):
        params = super().get_connection_params()
        if self.timezone is UTC and "context" in params:
            params["context"] = _with_utc_loader(params["context"])
        return params
