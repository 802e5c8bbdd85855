"""Hot querysets compiled to SQL once per process: each run swaps in its values and skips the ORM's query building.

Building a queryset and compiling it to SQL cost more CPU than PostgreSQL spends running the
indexed lookups of a hot request (bench/RESULTS.md, issue #16): the account of every signed-in
request, an issue's detail. For such a lookup, whose SQL never changes and only its values do:

    ACCOUNT = CompiledQuery(lambda realm, uuid: User.objects.filter(realm=realm, uuid=uuid))
    users = ACCOUNT.fetch(realm="townspark", uuid=value)   # a list, as list(queryset) would give

`build(**values)` runs twice on the first fetch per database, with two sets of stand-in values
of the real values' types: both must compile to the same SQL (the values change only its
parameters), and every parameter that differs between the two is a value's slot. After that a
fetch puts its values in those slots and runs the stored SQL. Model instances (with
`select_related` and annotations) are read off the cursor and built as Django's ModelIterable
builds them; other shapes (`.values()` rows, `prefetch_related`) go through Django's own
compiler with the stored SQL. Either way they come back exactly as the queryset's would; tests
hold them equal on SQLite and PostgreSQL.

What a value may be: a str, an int or a UUID, compared as it is (not inside a LIKE pattern).
Not None (`IS NULL` changes the SQL), not a bool (folded into the SQL), not a list (`IN` grows
with it): give each such shape its own CompiledQuery. Slicing is part of the shape too (`LIMIT`
is written into the SQL). A build that breaks these rules fails on its first fetch, loudly.
"""

import copy
import itertools
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.utils.functional import cached_property

# Negative and inside a 32-bit integer's range: Django turns an out-of-range integer lookup into no SQL at all.
_stand_in_numbers = itertools.count(start=1_000_000_001)


def _stand_in(name: str, value):
    """A value of `value`'s type that no real value of this query is (or can be mistaken for)."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"{name}={value!r}: None and booleans change the SQL; give that shape its own CompiledQuery.")
    if isinstance(value, int):
        return -next(_stand_in_numbers)
    if isinstance(value, str):
        return f"\x1fcompiled-query:{name}:{next(_stand_in_numbers)}"
    if isinstance(value, uuid.UUID):
        return uuid.uuid4()
    raise TypeError(f"{name}={value!r}: a compiled query's values are str, int or UUID.")


# How a value reaches the parameters: as it is, or as the backend stores it (a UUID's hex on SQLite).
_FORMS: tuple[Callable, ...] = (lambda value: value, lambda value: value.hex, str)


@dataclass(frozen=True)
class _Slot:
    position: int
    name: str
    form: Callable


@dataclass(frozen=True)
class _Template:
    """One database's compiled SQL, its constant parameters, where the values go, and a compiler to copy."""

    queryset: QuerySet
    compiler: object
    sql: str
    params: tuple
    slots: tuple[_Slot, ...]
    names: frozenset
    # Each connection's converters of the selected columns (backend converters are bound to its `ops`):
    # Django recomputes them on every run, and that cost more than a short query's execution.
    converters: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary, compare=False)
    populators: dict = field(default_factory=dict, compare=False)

    @cached_property
    def utf8_sql(self) -> bytes:
        """The SQL as psycopg sends it (Django's PostgreSQL connections speak UTF-8): encoded once, not per run."""
        return self.sql.encode()

    @cached_property
    def columns(self) -> list:
        return [column[0] for column in self.compiler.select[0 : self.compiler.col_count]]

    @cached_property
    def composite(self) -> bool:
        return self.compiler.has_composite_fields(self.columns)

    @cached_property
    def plain_rows(self) -> bool:
        """A `.values_list()` whose SQL selects exactly its fields, in their order (what `rows()` reads)."""
        query = self.queryset.query
        if self.queryset._iterable_class is not ValuesListIterable or self.composite:
            return False
        if self.compiler.has_extra_select or query.extra_select:
            return False
        names = [*query.values_select, *query.annotation_select]
        fields = [
            *self.queryset._fields,
            *(name for name in query.annotation_select if name not in self.queryset._fields),
        ]
        return names == fields and len(names) == self.compiler.col_count

    @cached_property
    def plain_models(self) -> bool:
        """Model instances (joins and annotations included) that `fetch` can read off the cursor itself.

        Not with prefetches (they run more queries after this one), known related objects (a
        related manager's), or SQL that selects columns past the model's own (extra selects).
        """
        queryset, query = self.queryset, self.queryset.query
        return (
            queryset._iterable_class is ModelIterable
            and not queryset._prefetch_related_lookups
            and not queryset._known_related_objects
            and not self.compiler.has_extra_select
            and not query.extra_select
            and not self.composite
        )

    @cached_property
    def model_layout(self) -> tuple:
        """What ModelIterable works out from the compiler on every run: the model, its columns, its annotations."""
        compiler = self.compiler
        klass_info = compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in compiler.select[start:end]]
        return klass_info["model"], start, end, init_list, tuple(compiler.annotation_col_map.items())

    def related_populators(self, using: str) -> list:
        """Django's populators of the joined (select_related) models: they keep no state between rows."""
        populators = self.populators.get(using)
        if populators is None:
            populators = self.populators[using] = get_related_populators(
                self.compiler.klass_info, self.compiler.select, using
            )
        return populators

    def compiler_on(self, connection):
        """A copy of the stored compiler that runs on `connection` (only read: select, klass_info, ...)."""
        compiler = copy.copy(self.compiler)
        compiler.connection = connection
        return compiler

    def converters_on(self, connection) -> dict:
        converters = self.converters.get(connection)
        if converters is None:
            converters = self.converters[connection] = self.compiler_on(connection).get_converters(self.columns)
        return converters

    def params_for(self, values: dict) -> tuple:
        if values.keys() != self.names:
            raise TypeError(f"this compiled query takes {sorted(self.names)}, not {sorted(values)}")
        params = list(self.params)
        for slot in self.slots:
            params[slot.position] = slot.form(values[slot.name])
        return tuple(params)


class _BoundQuery:
    """What the queryset iterates instead of a Query: the template's query, with the stored SQL and these params.

    Attribute reads (`values_select`, `model`, ...) go to the template's query. It cannot be chained:
    a filter, a slice or `count()` on it would still run the stored SQL.
    """

    def __init__(self, template: _Template, params: tuple):
        self._template, self._params = template, params

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        template = self._template
        connection = connection or connections[using]
        compiler = template.compiler_on(connection)
        compiler.using = using
        statement = (template.sql, self._params)
        compiler.as_sql = lambda *args, **kwargs: statement
        # The selected columns never change, so neither do their converters on this connection, nor
        # whether any is composite: Django works both out again on every run, per column.
        converters = template.converters_on(connection)
        compiler.get_converters = lambda expressions: converters
        compiler.has_composite_fields = lambda expressions: template.composite
        return compiler

    def chain(self, klass=None):
        raise TypeError("A compiled query runs as it was built: build another one for another shape.")

    clone = chain

    def __getattr__(self, name):
        return getattr(self._template.queryset.query, name)


class CompiledQuery:
    """`build(**values)` -> a queryset, compiled once per database; `fetch(**values)` -> its results as a list."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._templates: dict[str, _Template] = {}

    def fetch(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> list:
        template = self._template(using, values)
        if template.plain_models:
            return self._models(template, using, values)
        prototype = template.queryset
        queryset = prototype.__class__(model=prototype.model, query=_BoundQuery(template, template.params_for(values)))
        queryset._db = using
        queryset._iterable_class = prototype._iterable_class
        queryset._fields = prototype._fields
        queryset._prefetch_related_lookups = prototype._prefetch_related_lookups
        return list(queryset)

    def _models(self, template: _Template, using: str, values: dict) -> list:
        """ModelIterable's reading of the rows, without a QuerySet, a compiler copy or a chunked fetch per run.

        The account of every signed-in request is read here (issue #16): the queryset machinery
        around one indexed row cost more than the row. The instances are built as Django builds
        them (`from_db`, its related populators, annotations set as attributes).
        """
        rows = self._cursor_rows(template, using, values)
        model, start, end, init_list, annotations = template.model_layout
        populators = template.related_populators(using)
        instances = []
        for row in rows:
            instance = model.from_db(using, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances

    def first(self, *, using: str = DEFAULT_DB_ALIAS, **values):
        """The first result, or None (build the queryset with `[:1]` when more than one row can match)."""
        results = self.fetch(using=using, **values)
        return results[0] if results else None

    def rows(self, *, using: str = DEFAULT_DB_ALIAS, cursor=None, **values) -> list[tuple]:
        """What `list(queryset)` gives for a `.values_list(...)` build (tuples), from the cursor itself.

        No QuerySet, iterable or compiler is made per call: the stored SQL runs on the connection's
        cursor (its query log and execute wrappers included) and each column goes through the
        converters Django would apply. For the widest hot lists (hundreds of rows), where that
        machinery cost more than the rows. Other builds are refused: use `fetch`. A read of
        several statements may pass one Django `cursor` of `using` to them all.
        """
        template = self._template(using, values)
        if not template.plain_rows:
            raise ImproperlyConfigured(
                f"{self.build!r}: rows() reads a .values_list() whose columns are its fields in order; use fetch()."
            )
        return [tuple(row) for row in self._cursor_rows(template, using, values, cursor)]

    @staticmethod
    def _cursor_rows(template: _Template, using: str, values: dict, cursor=None):
        """The stored SQL's rows for `values`, read on `cursor` (or one of `using`), converted as Django would."""
        connection = connections[using] if cursor is None else cursor.db  # looked up once for a read's statements
        # psycopg takes bytes as they are; a str it encodes on every execute (3.5% of the issue page, #16).
        sql = template.utf8_sql if connection.vendor == "postgresql" else template.sql
        if cursor is None:
            with connection.cursor() as cursor:
                cursor.execute(sql, template.params_for(values))
                rows = cursor.fetchall()
        else:
            cursor.execute(sql, template.params_for(values))
            rows = cursor.fetchall()
        converters = template.converters_on(connection)
        if converters:
            rows = template.compiler_on(connection).apply_converters(rows, converters)  # Django's own loop
        return rows

    def _template(self, using: str, values: dict) -> _Template:
        template = self._templates.get(using)
        if template is None:
            template = self._templates[using] = self._compile(using, values)
        return template

    def _compile(self, using: str, values: dict) -> _Template:
        stand_ins = [{name: _stand_in(name, value) for name, value in values.items()} for _ in range(2)]
        compiled = []
        for sample in stand_ins:
            queryset = self.build(**sample)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            compiled.append((queryset, compiler, sql, tuple(params)))
        (queryset, compiler, sql, params), (_, _, other_sql, other_params) = compiled
        if sql != other_sql or len(params) != len(other_params):
            raise ImproperlyConfigured(f"{self.build!r} builds different SQL for different values: not compilable.")
        slots = []
        for position, (first, second) in enumerate(zip(params, other_params, strict=True)):
            if first == second:
                continue  # a constant of the query
            slots.append(self._slot(position, first, stand_ins[0]))
        missing = set(values) - {slot.name for slot in slots}
        if missing:
            raise ImproperlyConfigured(f"{self.build!r}: {sorted(missing)} never reach the SQL's parameters.")
        return _Template(queryset, compiler, sql, params, tuple(slots), frozenset(values))

    def _slot(self, position: int, param, stand_ins: dict) -> _Slot:
        for name, stand_in in stand_ins.items():
            for form in _FORMS:
                try:
                    if form(stand_in) == param:
                        return _Slot(position, name, form)
                except AttributeError:  # .hex of a str or an int
                    continue
        raise ImproperlyConfigured(f"{self.build!r}: parameter {position} ({param!r}) comes from no value.")


class CompiledListQuery:
    """`build(ids)` -> a queryset over a list of ids (`field__in=ids`), compiled once per list length.

    `IN (...)` grows with the list, so each length is a shape of its own: a page's related rows (its
    images, photos, windows) take as many shapes as a page can hold rows, bounded by the page size.
    """

    def __init__(self, build: Callable[[list], QuerySet]):
        self.build = build
        self._by_length: dict[int, CompiledQuery] = {}

    def fetch(self, ids) -> list:
        return self._run(ids, CompiledQuery.fetch)

    def rows(self, ids) -> list[tuple]:
        """`CompiledQuery.rows` of the list's shape: tuples of a `.values_list()` build, off the cursor."""
        return self._run(ids, CompiledQuery.rows)

    def _run(self, ids, method) -> list:
        ids = list(ids)
        if not ids:
            return []
        compiled = self._by_length.get(len(ids))
        if compiled is None:
            compiled = self._by_length[len(ids)] = CompiledQuery(lambda **values: self.build(list(values.values())))
        return method(compiled, **{f"id{index}": value for index, value in enumerate(ids)})
