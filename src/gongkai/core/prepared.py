"""A query whose SQL is compiled once per process and database, then run with each call's values.

Compiling a queryset (the joins of its lookups, its select list, its converters) costs a page rendered fresh more
CPU than the database spends running it; for the few queries a public page makes on every request the SQL is
the same every time but for its values. ``PreparedQuery(build, **kinds)`` builds the queryset once with a
placeholder for each named value (``build(**placeholders)``, a ``.values_list()`` queryset), compiles it, finds
the placeholders among the SQL parameters, and then runs that SQL with the values of each call, the database's
converters applied as the ORM applies them. The ORM stays the only author of the SQL.

A value may be used as is (an exact lookup) or as a ``startswith`` prefix (escaped as the ORM escapes it); a
slice is passed per call (``rows(limit=…, offset=…)``), not compiled into the text. A placeholder used any other
way is refused when the query is compiled, so a query that cannot be prepared fails at once, in tests. Compiled
queries are forgotten when a setting changes.
"""

import threading

from django.core.signals import setting_changed
from django.db import connections, router
from django.dispatch import receiver

_INT_BASE = 2_140_000_000   # placeholders for integers: within a 32-bit column (the ORM refuses a value beyond)
_INT_SPAN = 2_000
_TEXT_MARK = "\ue0ff"   # a private-use character: in no value a placeholder could be mistaken for
_SLICE = (_INT_BASE + 1_001, _INT_BASE + 1_002)   # the LIMIT and OFFSET of a sliced query while compiled
_queries: list = []


class Compiled:
    def __init__(self, sql: str, slots: list, compiler, names: list[str], sliced: bool):
        self.sql, self.slots, self.compiler, self.names, self.sliced = sql, slots, compiler, names, sliced
        fields = [column[0] for column in compiler.select[:compiler.col_count]]
        self.converters = compiler.get_converters(fields)


class PreparedQuery:
    def __init__(self, model, build, *, sliced: bool = False, **kinds: type):
        """``build(**placeholders)`` returns a ``.values_list()`` queryset of ``model``; ``kinds`` names each
        value's type (``int`` or ``str``). ``sliced``: the rows are asked for by ``limit`` and ``offset``."""
        self.model, self.build, self.kinds, self.sliced = model, build, kinds, sliced
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
            else:
                raise TypeError(f"{name}: a prepared value is an int or a str, not {kind}")
        return made

    def _compile(self, alias: str) -> Compiled:
        placeholders = self._placeholders()
        queryset = self.build(**placeholders)
        if self.sliced:
            queryset = queryset[_SLICE[1]:_SLICE[1] + _SLICE[0]]
        if queryset.model is not self.model:
            raise ValueError(f"the query reads {queryset.model.__name__}, not {self.model.__name__}")
        query = queryset.query
        if query.extra_select or query.annotation_select:
            raise ValueError("a prepared query selects plain fields only")
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        by_value = {value: name for name, value in placeholders.items()}
        prefixes = {f"{value}%": name for name, value in placeholders.items() if isinstance(value, str)}
        slots, seen = [], set()
        for param in params:
            if isinstance(param, bool) or not isinstance(param, (int, str)):
                slots.append(("constant", param))
            elif param in by_value:
                slots.append(("value", by_value[param]))
                seen.add(by_value[param])
            elif isinstance(param, str) and param in prefixes:
                slots.append(("prefix", prefixes[param]))
                seen.add(prefixes[param])
            elif (isinstance(param, str) and _TEXT_MARK in param) or (
                    isinstance(param, int) and _INT_BASE < param < _INT_BASE + _INT_SPAN):
                raise ValueError(f"a placeholder is used in a way a prepared query cannot fill: {param!r}")
            else:
                slots.append(("constant", param))
        if seen != set(self.kinds):
            raise ValueError(f"placeholders not found in the SQL: {sorted(set(self.kinds) - seen)}")
        if self.sliced:
            tail = f" LIMIT {_SLICE[0]} OFFSET {_SLICE[1]}"
            if not sql.endswith(tail):
                raise ValueError("a sliced prepared query must end with its LIMIT and OFFSET")
            sql = sql[:-len(tail)] + " LIMIT %s OFFSET %s"
        if any(str(value) in sql for value in [*placeholders.values(), *_SLICE]):
            raise ValueError("a placeholder was written into the SQL's text: it cannot be filled per call")
        names = [*query.values_select]
        return Compiled(sql, slots, compiler, names, self.sliced)

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
        params = []
        for kind, what in compiled.slots:
            if kind == "constant":
                params.append(what)
            elif kind == "value":
                params.append(self.kinds[what](values[what]))
            else:
                params.append(connection.ops.prep_for_like_query(str(values[what])) + "%")
        if compiled.sliced:
            if limit is None:
                raise ValueError("a sliced prepared query needs a limit")
            params += [limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            found = cursor.fetchall()
        if compiled.converters:
            found = [tuple(row) for row in compiled.compiler.apply_converters(found, compiled.converters)]
        return found

    def names(self) -> list[str]:
        """The names of the select list (the fields given to ``values_list``)."""
        return self.compiled(router.db_for_read(self.model)).names


@receiver(setting_changed)
def forget_compiled(**kwargs) -> None:
    """A setting changed (the databases, the time zone…): every prepared query is compiled again."""
    for prepared in _queries:
        with prepared._lock:
            prepared._compiled.clear()
