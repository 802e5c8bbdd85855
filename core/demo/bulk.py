"""Bulk loading for `seed_demo --scale N`: plain rows by COPY on PostgreSQL (bulk_create elsewhere), fresh ids
taken in one call, and the statistics a freshly loaded database needs before it is measured."""

import uuid
from collections.abc import Iterable, Sequence
from itertools import islice

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from core.demo import DEMO_PASSWORD, password_hash

BATCH = 2_000


def bulk_insert(model, fields: Sequence[str], rows: Iterable[tuple]) -> None:
    """Insert plain rows (values of `fields`, by attribute name): COPY on PostgreSQL, bulk_create elsewhere.

    Every NOT NULL column must be among `fields`: COPY knows no Django defaults.
    """
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
        statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"  # noqa: S608 - our names
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        return
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        model.objects.bulk_create([model(**dict(zip(fields, row, strict=True))) for row in batch])


def first_fresh_id(model, count: int) -> int:
    """The first of `count` consecutive fresh primary keys of `model`, for rows inserted with explicit ids.

    On PostgreSQL the sequence is moved past them in one call (the transaction holds no lock on it, but
    seeding runs alone); elsewhere the next id after the current maximum.
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
            first = cursor.fetchone()[0]
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + max(count, 1) - 1])
            return first
        cursor.execute(f"SELECT max(id) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our name
        return (cursor.fetchone()[0] or 0) + 1


def vacuum_analyze_after_commit(tables: Sequence[str]) -> None:
    """VACUUM ANALYZE these tables once the seeding commits (VACUUM cannot run in a transaction): planner
    statistics and visibility maps, as autovacuum would leave them in time. PostgreSQL only."""
    if connection.vendor != "postgresql":
        return

    def vacuum() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {', '.join(connection.ops.quote_name(table) for table in tables)}")

    transaction.on_commit(vacuum)


def demo_account(rng, *, realm: str, email: str, **fields):
    """An unsaved, verified account with the demo password (hashed once) and a UUID drawn from `rng`.

    `fields` are the account's own (name, role, username, date_joined...); save many at once with
    `bulk_accounts`.
    """
    return get_user_model()(
        uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
        realm=realm,
        email=email,
        password=password_hash(DEMO_PASSWORD),
        is_verified=True,
        **fields,
    )


def bulk_accounts(users: list) -> list:
    """Save unsaved accounts and their verified, primary allauth addresses; the accounts, with their ids."""
    get_user_model().objects.bulk_create(users, batch_size=BATCH)
    bulk_insert(EmailAddress, ("user_id", "email", "verified", "primary"), ((u.pk, u.email, True, True) for u in users))
    return users
