"""The PostgreSQL backend reads timestamptz values with psycopg's loader, giving exactly what Django's own gives."""

import datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend (CI runs on it)"),
]

VALUES = """SELECT '2026-11-30 12:34:56.789012+00'::timestamptz, '1969-07-20 20:17:40+00'::timestamptz,
                   '0001-01-01 00:00:00+00'::timestamptz, '9999-12-30 23:59:59.999999+00'::timestamptz,
                   '2000-02-29 12:00:00-08'::timestamptz, '2026-03-29 02:30:00 Europe/Paris'::timestamptz,
                   NULL::timestamptz, now()"""


def _read_by_django_stock_loader() -> tuple:
    """The row as Django's own loader for a UTC connection reads it, on the same connection."""
    with connection.connection.cursor() as raw:
        register_tzloader(datetime.UTC, raw)
        raw.execute(VALUES)
        return raw.fetchone()


def test_the_backend_is_in_use_and_cursors_keep_its_loader():
    from psycopg.pq import Format

    from core.db.postgresql.base import TIMESTAMPTZ, UtcTimestamptzLoader

    assert connection.settings_dict["ENGINE"] == "core.db.postgresql"
    with connection.cursor() as cursor:  # not re-registered per cursor (Django does when the time zones differ)
        assert cursor.cursor.adapters.get_loader(TIMESTAMPTZ, Format.TEXT) is UtcTimestamptzLoader


def test_values_equal_djangos_in_utc():
    with connection.cursor() as cursor:
        cursor.execute(VALUES)
        ours = cursor.fetchone()
    stock = _read_by_django_stock_loader()
    assert ours[:-1] == stock[:-1] and ours[-2] is None
    assert all(value.tzinfo is datetime.UTC for value in ours if value is not None)


def test_a_utc_session_loads_with_psycopgs_loader_and_another_zone_with_djangos():
    from core.db.postgresql.base import PSYCOPG_LOADER, TIMESTAMPTZ, UtcTimestamptzLoader

    connection.ensure_connection()
    raw = connection.connection
    assert UtcTimestamptzLoader(TIMESTAMPTZ, raw).load.__self__.__class__ is PSYCOPG_LOADER
    with raw.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'Europe/Paris'")
    try:
        assert UtcTimestamptzLoader(TIMESTAMPTZ, raw).load.__func__ is UtcTimestamptzLoader.load
        with connection.cursor() as cursor:
            cursor.execute(VALUES)
            ours = cursor.fetchone()
        assert ours[:-1] == _read_by_django_stock_loader()[:-1]
    finally:
        with raw.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
