"""An issue's counters, each moved by one UPDATE written as SQL: the hot writes run one on every request."""

from django.db import connection

from townspark.models import Issue

COUNTERS = frozenset({"upvote_count", "comment_count"})


def issue_counter_add(issue_id: str, counter: str, delta: int) -> int | None:
    """Move the issue's `counter` by `delta` in one UPDATE; its new value, None if there is no such issue.

    The ORM's `.update(F(...) + delta)` answers no value and cost more CPU to build and compile
    than the statement costs PostgreSQL to run (bench/RESULTS.md, issue #16).
    """
    if counter not in COUNTERS:
        raise ValueError(f"{counter} is not a counter of an issue")
    table = connection.ops.quote_name(Issue._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {counter} = {counter} + %s WHERE id = %s RETURNING {counter}",  # noqa: S608
            [delta, issue_id],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]
