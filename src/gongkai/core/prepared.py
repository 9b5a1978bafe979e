"""A query whose SQL is compiled once per process and database, then run with each call's values.

Compiling a queryset (the joins of its lookups, its select list, its converters) costs a page rendered fresh more
CPU than the database spends running it; for the few queries a public page makes on every request the SQL is
the same every time but for its values. ``PreparedQuery(build, **kinds)`` builds the queryset once with a
placeholder for each named value (``build(**placeholders)``, a ``.values_list()`` queryset), compiles it, finds
the placeholders among the SQL parameters, and then runs that SQL with the values of each call, the database's
converters applied as the ORM applies them. The ORM stays the only author of the SQL.

A value (an ``int``, ``str`` or ``date``) may be used as is (an exact or range lookup) or, text, as a
``startswith`` prefix (escaped as the ORM escapes it); a slice is passed per call (``rows(limit=…, offset=…)``),
not compiled into the text (``build`` is given ``rows=``, a slice to apply where the rows are limited: the
query itself or a subquery of it); ``count=True`` prepares the count of the queryset's rows (``count(**values)``, the
SQL of ``QuerySet.count()``). A placeholder used any other
way is refused when the query is compiled, so a query that cannot be prepared fails at once, in tests. Compiled
queries are forgotten when a setting changes.
"""

import datetime as dt
import re
import threading

from django.core.signals import setting_changed
from django.db import connections, router
from django.db.models import Count
from django.dispatch import receiver

_INT_BASE = 2_140_000_000   # placeholders for integers: within a 32-bit column (the ORM refuses a value beyond)
_INT_SPAN = 2_000
_TEXT_MARK = "\ue0ff"   # a private-use character: in no value a placeholder could be mistaken for
_SLICE = (_INT_BASE + 1_001, _INT_BASE + 1_002)   # the LIMIT and OFFSET of a sliced query while compiled
_PARAM = re.compile("%%|%s")
_queries: list = []


class Compiled:
    def __init__(self, sql: str, slots: list, compiler, names: list[str], sliced: bool):
        self.sql, self.slots, self.compiler, self.names, self.sliced = sql, slots, compiler, names, sliced
        fields = [column[0] for column in compiler.select[:compiler.col_count]]
        self.converters = compiler.get_converters(fields)


class PreparedQuery:
    def __init__(self, model, build, *, sliced: bool = False, count: bool = False, **kinds: type):
        """``build(**placeholders)`` returns a ``.values_list()`` queryset of ``model`` (any queryset when
        ``count``); ``kinds`` names each value's type (``int``, ``str`` or ``datetime.date``). ``sliced``: the
        rows are asked for by ``limit`` and ``offset`` (``build`` then takes ``rows``, a slice)."""
        if sliced and count:
            raise ValueError("a count is not sliced")
        self.model, self.build, self.kinds, self.sliced, self.count_only = model, build, kinds, sliced, count
        self._compiled: dict[str, Compiled] = {}
        self._lock = threading.Lock()
        _queries.append(self)

    def _placeholders(self) -> dict:
        made = {}
        for n, (name, kind) in enumerate(self.kinds.items()):
            if kind is int:
                made[name] = _INT_BASE + n + 1
            elif kind is str:
                made[name] = f"{_TEXT_MARK}{n}{_TEXT_MARK}"
            elif kind is dt.date:
                made[name] = dt.date(1001 + n, 1, 1)   # no date of a government's information
            else:
                raise TypeError(f"{name}: a prepared value is an int, a str or a date, not {kind}")
        return made

    def _compile(self, alias: str) -> Compiled:
        placeholders = self._placeholders()
        if self.sliced:
            queryset = self.build(rows=slice(_SLICE[1], _SLICE[1] + _SLICE[0]), **placeholders)
        else:
            queryset = self.build(**placeholders)
        if queryset.model is not self.model:
            raise ValueError(f"the query reads {queryset.model.__name__}, not {self.model.__name__}")
        query = queryset.query
        if query.extra_select or query.annotation_select:
            raise ValueError("a prepared query selects plain fields only")
        if self.count_only:
            if query.is_sliced or query.distinct or query.group_by is not None or query.combinator:
                raise ValueError("a prepared count is of plain filtered rows")
            query = query.chain()
            query.clear_ordering(force=True)
            query.clear_select_clause()
            query.add_annotation(Count("*"), "__count")
        connection = connections[alias]
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        by_value = {self._adapted(connection, value): name for name, value in placeholders.items()}
        prefixes = {f"{value}%": name for name, value in placeholders.items() if isinstance(value, str)}
        marks = [str(value) for value in by_value]
        slots, seen = [], set()
        for param in params:
            if _hashable(param) and param in by_value and not isinstance(param, bool):
                slots.append(("value", by_value[param]))
                seen.add(by_value[param])
            elif isinstance(param, str) and param in prefixes:
                slots.append(("prefix", prefixes[param]))
                seen.add(prefixes[param])
            elif (isinstance(param, str) and any(mark in param for mark in marks)) or (
                    isinstance(param, int) and not isinstance(param, bool)
                    and _INT_BASE < param < _INT_BASE + _INT_SPAN) or (
                    isinstance(param, dt.date) and param.year < 1100):
                raise ValueError(f"a placeholder is used in a way a prepared query cannot fill: {param!r}")
            else:
                slots.append(("constant", param))
        if seen != set(self.kinds):
            raise ValueError(f"placeholders not found in the SQL: {sorted(set(self.kinds) - seen)}")
        if self.sliced:
            limit = f" LIMIT {_SLICE[0]} OFFSET {_SLICE[1]}"
            if sql.count(limit) != 1:
                raise ValueError("a sliced prepared query limits its rows once, by LIMIT and OFFSET")
            at = sql.index(limit)
            before = sum(1 for found in _PARAM.findall(sql[:at]) if found == "%s")
            slots[before:before] = [("slice", "limit"), ("slice", "offset")]
            sql = sql[:at] + " LIMIT %s OFFSET %s" + sql[at + len(limit):]
        if any(str(self._adapted(connection, value)) in sql for value in [*placeholders.values(), *_SLICE]):
            raise ValueError("a placeholder was written into the SQL's text: it cannot be filled per call")
        names = ["__count"] if self.count_only else [*query.values_select]
        return Compiled(sql, slots, compiler, names, self.sliced)

    @staticmethod
    def _adapted(connection, value):
        """A value as the ORM passes it to the database (a date is text on SQLite)."""
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return connection.ops.adapt_datefield_value(value)
        return value

    def compiled(self, alias: str) -> Compiled:
        found = self._compiled.get(alias)
        if found is None:
            with self._lock:
                found = self._compiled.get(alias) or self._compile(alias)
                self._compiled[alias] = found
        return found

    def rows(self, *, limit: int | None = None, offset: int = 0, **values) -> list[tuple]:
        """The rows (tuples in the order of the select list) for these values."""
        alias = router.db_for_read(self.model)
        compiled = self.compiled(alias)
        connection = connections[alias]
        if compiled.sliced and limit is None:
            raise ValueError("a sliced prepared query needs a limit")
        params = []
        for kind, what in compiled.slots:
            if kind == "constant":
                params.append(what)
            elif kind == "value":
                value = values[what]
                params.append(self._adapted(connection, value) if self.kinds[what] is dt.date
                              else self.kinds[what](value))
            elif kind == "prefix":
                params.append(connection.ops.prep_for_like_query(str(values[what])) + "%")
            else:
                params.append(int(limit) if what == "limit" else int(offset))
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            found = cursor.fetchall()
        if compiled.converters:
            found = [tuple(row) for row in compiled.compiler.apply_converters(found, compiled.converters)]
        return found

    def count(self, **values) -> int:
        """The number of the query's rows for these values (``count=True``)."""
        if not self.count_only:
            raise ValueError("not a prepared count")
        return self.rows(**values)[0][0]

    def names(self) -> list[str]:
        """The names of the select list (the fields given to ``values_list``)."""
        return self.compiled(router.db_for_read(self.model)).names


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


@receiver(setting_changed)
def forget_compiled(**kwargs) -> None:
    """A setting changed (the databases, the time zone…): every prepared query is compiled again."""
    for prepared in _queries:
        with prepared._lock:
            prepared._compiled.clear()
