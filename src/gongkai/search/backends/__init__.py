"""One index backend per database engine; both implement the same plan (ADR 0010) and give the same results."""

from django.db import connection

from gongkai.search.backends.base import Filters, IndexRow, SearchBackend

__all__ = ["Filters", "IndexRow", "SearchBackend", "backend_for"]


def backend_for(conn=None) -> SearchBackend:
    conn = conn or connection
    if conn.vendor == "postgresql":
        from gongkai.search.backends.postgres import PostgresBackend

        return PostgresBackend(conn)
    if conn.vendor == "sqlite":
        from gongkai.search.backends.sqlite_fts import SqliteFtsBackend

        return SqliteFtsBackend(conn)
    raise NotImplementedError(f"no search backend for {conn.vendor}")
