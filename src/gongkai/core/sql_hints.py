"""Hints to a database's planner written as ORM expressions, so the ORM still writes the SQL.

``NotByIndex("published_on")`` is the column as is; on SQLite it is written ``+column`` (SQLite's documented
way to keep an index from serving a term: the value, its type and its collation are the column's). Ordering a
small set of rows by it makes SQLite find the rows by the index of their filter and sort them, instead of
walking every row of the table in the order's index until enough of them pass the filter. On other databases
the planner decides from its statistics, and the column is written plainly.
"""

from django.db.models import F, Func


class NotByIndex(Func):
    template = "%(expressions)s"

    def __init__(self, column: str):
        super().__init__(F(column))

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)
