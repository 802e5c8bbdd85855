"""Django's PostgreSQL schema editor without the second, `*_pattern_ops` index on each indexed text column.

Django adds a `<table>_<column>_<hash>_like` index (varchar_pattern_ops or text_pattern_ops)
beside the ordinary B-tree of every indexed, unique or foreign-key text column, for `LIKE
'prefix%'` lookups outside the C locale. No query of this codebase matches text by prefix
(`startswith` and friends): equality and `IN` use the ordinary index, `icontains` uses neither
(TownSpark's search has trigram indexes). Each of those indexes was written on every insert and
on every update that moves a row: 6 of TownSpark's 21 issue indexes, where each upvote and
comment moves the issue's row to count it (issue #16: the counter's UPDATE alone ran 10-15%
faster without them, bench/RESULTS.md). `core/migrations/0002_no_pattern_ops_indexes.py`
drops those an older schema has.
"""

from django.db.backends.postgresql import schema


class DatabaseSchemaEditor(schema.DatabaseSchemaEditor):
    def _create_like_index_sql(self, model, field):
        return None
