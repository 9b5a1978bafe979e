"""PostgreSQL: the distinct bigrams of each text in GIN-indexed int4[] arrays, checked with strpos.

``grams @> query_grams`` finds candidates through the GIN index; ``strpos(text_norm, word) > 0`` keeps exactly
the documents that contain the word, so the result equals the reference substring scan (ADR 0010).

The planner cannot tell how many documents a bigram set matches, so the backend decides itself from the column
statistics: when even the rarest bigram of a word is common, the query first walks the sort-key index newest
first and stops after a page (or, for the count, after the cap) — under a short statement timeout, because a
rare phrase made of common bigrams would walk the whole table; on timeout, or when a bigram is rare, it is a GIN
bitmap scan sorted by date. Only the rarest bigrams of each word go into the GIN condition: fewer posting lists
to read, strpos checks the rest.
"""

import time

from django.db import OperationalError, transaction

from gongkai.search.backends.base import Filters, IndexRow, SearchBackend
from gongkai.search.domain.analysis import bigrams, gram_key, gram_keys

TABLE = "search_pg"
# Titles again, in a narrow table: the title tier must not fetch wide rows (text and its grams) per candidate.
TITLES = "search_pg_title"

DDL = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        sort_key bigint PRIMARY KEY,
        agency_path varchar(255) NOT NULL,
        topic varchar(50) NOT NULL, genre varchar(50) NOT NULL, validity varchar(30) NOT NULL,
        title_norm text NOT NULL, text_norm text NOT NULL,
        title_grams int4[] NOT NULL, grams int4[] NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_title_grams ON {TABLE} USING gin (title_grams)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_grams ON {TABLE} USING gin (grams)",
    f"""CREATE TABLE IF NOT EXISTS {TITLES} (
        sort_key bigint PRIMARY KEY,
        agency_path varchar(255) NOT NULL,
        topic varchar(50) NOT NULL, genre varchar(50) NOT NULL, validity varchar(30) NOT NULL,
        title_norm text NOT NULL, title_grams int4[] NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS {TITLES}_title_grams ON {TITLES} USING gin (title_grams)",
]
# Filling the title table from the main one (bulk loads write the main table only).
COPY_TITLES = (f"INSERT INTO {TITLES} SELECT sort_key, agency_path, topic, genre, validity, title_norm, title_grams "
               f"FROM {TABLE} ON CONFLICT (sort_key) DO NOTHING")


DENSE = 2000          # estimated matches above this: try walking the date index first
PROBE_MS = 60         # how long that walk may take before the bitmap plan takes over
GRAMS_PER_WORD = 3
_STATS: dict[str, tuple[float, dict[int, float]]] = {}
_STATS_TTL = 600.0

_PLANS = {
    "bitmap": "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = on",
    "ordered": "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = on",
}
_RESET = ("SET LOCAL enable_seqscan = on; SET LOCAL enable_bitmapscan = on; SET LOCAL enable_indexscan = on; "
          "SET LOCAL statement_timeout = 0")


class PostgresBackend(SearchBackend):
    def install(self) -> None:
        with self.conn.cursor() as cur:
            for statement in DDL:
                cur.execute(statement)

    def uninstall(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
            cur.execute(f"DROP TABLE IF EXISTS {TITLES}")

    @staticmethod
    def values(row: IndexRow) -> tuple:
        title_norm = row.title_norm
        text_norm = title_norm + " " + row.rest_norm
        return (row.sort_key, row.agency_path, row.topic, row.genre, row.validity, title_norm, text_norm,
                gram_keys(title_norm), gram_keys(text_norm))

    def add(self, rows: list[IndexRow]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO {TABLE} (sort_key, agency_path, topic, genre, validity, title_norm, text_norm, "
                "title_grams, grams) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [self.values(r) for r in rows],
            )
            cur.executemany(
                f"INSERT INTO {TITLES} (sort_key, agency_path, topic, genre, validity, title_norm, title_grams) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(r.sort_key, r.agency_path, r.topic, r.genre, r.validity, r.title_norm, gram_keys(r.title_norm))
                 for r in rows],
            )

    def remove(self, rows: list[IndexRow]) -> None:
        with self.conn.cursor() as cur:
            for table in (TABLE, TITLES):
                cur.execute(f"DELETE FROM {table} WHERE sort_key = ANY(%s)", [[r.sort_key for r in rows]])

    def clear(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute(f"TRUNCATE {TABLE}, {TITLES}")

    def _frequencies(self, column: str) -> dict[int, float]:
        cached = _STATS.get(column)
        if cached and time.monotonic() - cached[0] < _STATS_TTL:
            return cached[1]
        with self.conn.cursor() as cur:
            cur.execute("SELECT most_common_elems::text::int4[], most_common_elem_freqs FROM pg_stats "
                        "WHERE tablename = %s AND attname = %s", [TABLE, column])
            row = cur.fetchone()
            freqs = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
            cur.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [TABLE])
            freqs[None] = max(float(cur.fetchone()[0]), 0.0)
        _STATS[column] = (time.monotonic(), freqs)
        return freqs

    def _estimate(self, words, column: str) -> float:
        """At most how many documents can match: the rarest bigram's share of the table (absent: rare)."""
        freqs = self._frequencies(column)
        share = min(min(freqs.get(gram_key(b), 0.0) for b in bigrams(word)) for word in words)
        return share * freqs[None]

    def _grams(self, words, column: str) -> list[int]:
        freqs = self._frequencies(column)
        chosen: set[int] = set()
        for word in words:
            keys = sorted({gram_key(b) for b in bigrams(word)}, key=lambda k: freqs.get(k, 0.0))
            chosen.update(keys[:GRAMS_PER_WORD])
        return sorted(chosen)

    def _run(self, plan: str, sql: str, params: list, *, timeout_ms: int = 0):
        with transaction.atomic(using=self.conn.alias), self.conn.cursor() as cur:
            cur.execute(_PLANS[plan] + f"; SET LOCAL statement_timeout = {int(timeout_ms)}")
            cur.execute(sql, params)
            rows = cur.fetchall()
            cur.execute(_RESET)
        return rows

    def _fastest(self, words, column: str, sql: str, params: list):
        if self._estimate(words, column) > DENSE:
            try:
                return self._run("ordered", sql, params, timeout_ms=PROBE_MS)
            except OperationalError:   # statement timeout: the matches are rarer than their bigrams
                pass
        return self._run("bitmap", sql, params)

    def where(self, words, filters: Filters, title_only: bool | None, before: int | None) -> tuple[str, list]:
        grams = self._grams(words, "title_grams" if title_only else "grams")
        in_title = " AND ".join("strpos(title_norm, %s) > 0" for _ in words)
        in_text = " AND ".join("strpos(text_norm, %s) > 0" for _ in words)
        if title_only is True:
            sql, params = f"title_grams @> %s::int4[] AND {in_title}", [grams, *words]
        else:
            sql, params = f"grams @> %s::int4[] AND {in_text}", [grams, *words]
            if title_only is False:
                sql += f" AND NOT ({in_title})"
                params += list(words)
        if filters.agency_path:
            sql += " AND agency_path LIKE %s"
            params.append(filters.agency_path.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%")
        for column in ("topic", "genre", "validity"):
            value = getattr(filters, column)
            if value:
                sql += f" AND {column} = %s"
                params.append(value)
        if filters.min_key is not None:
            sql += " AND sort_key >= %s"
            params.append(filters.min_key)
        if filters.max_key is not None:
            sql += " AND sort_key <= %s"
            params.append(filters.max_key)
        if before is not None:
            sql += " AND sort_key < %s"
            params.append(before)
        return sql, params

    def _capped(self, words, filters: Filters, title_only: bool | None, cap: int) -> int:
        # One search asks the same count twice (to choose a plan, and for the total): remember it.
        memo = self.__dict__.setdefault("_memo", {})
        key = (tuple(words), filters, title_only)
        if key in memo:
            known, known_cap = memo[key]
            if known <= known_cap or known_cap >= cap:
                return min(known, cap + 1)
        sql, params = self.where(words, filters, title_only, None)
        rows = None
        if self._estimate(words, "title_grams" if title_only else "grams") > DENSE:
            try:   # common words: the newest documents hold the cap's worth of matches
                rows = self._run("ordered", f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {sql} "
                                 "ORDER BY sort_key DESC LIMIT %s) AS hits", [*params, cap + 1], timeout_ms=PROBE_MS)
            except OperationalError:
                rows = None
        if rows is None:   # a bitmap scan reads the posting lists once and stops at the cap in physical order
            rows = self._run("bitmap", f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {sql} LIMIT %s) AS hits",
                             [*params, cap + 1])
        memo[key] = (rows[0][0], cap)
        return rows[0][0]

    def page(self, words, filters: Filters, *, title_only: bool | None, before: int | None, limit: int) -> list[int]:
        sql, params = self.where(words, filters, title_only, before)
        table = TITLES if title_only is True else TABLE
        rows = self._fastest(words, "title_grams" if title_only else "grams",
                             f"SELECT sort_key FROM {table} WHERE {sql} ORDER BY sort_key DESC LIMIT %s",
                             [*params, limit])
        return [r[0] for r in rows]

    def count(self, words, filters: Filters, *, cap: int) -> int:
        return self._capped(words, filters, None, cap)
