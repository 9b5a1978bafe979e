"""SQLite: a contentless FTS5 table whose tokens are the character bigrams of each field.

A word of k characters is the FTS5 phrase of its k-1 bigrams; a phrase matches consecutive positions only,
and a gap token separates segments and fields, so a phrase match is an exact substring match (ADR 0010).
The FTS rowid is the document's sort key, so "newest first" with LIMIT stops early even for common words.
"""

from gongkai.search.backends.base import Filters, IndexRow, SearchBackend
from gongkai.search.domain.analysis import fts_phrase, fts_tokens

TABLE = "search_fts"
# Titles again, on their own: "every word in the title" must not read the positions of every body. A bigram
# like 年1 is in most bodies (dates) but few titles; in this table its doclist is short and FTS5 skips by it.
TITLES = "search_fts_title"


def facet_tokens(row: IndexRow) -> str:
    tokens = [f"ag{agency_id}" for agency_id in row.agency_ids()]
    for prefix, value in (("tp", row.topic), ("gn", row.genre), ("vd", row.validity)):
        if value:
            tokens.append(prefix + value.encode().hex())
    return " ".join(tokens)


def _facet_expr(filters: Filters) -> list[str]:
    parts = []
    if filters.agency_id is not None:
        parts.append(f"ag{int(filters.agency_id)}")
    for prefix, value in (("tp", filters.topic), ("gn", filters.genre), ("vd", filters.validity)):
        if value:
            parts.append(prefix + value.encode().hex())
    return parts


class SqliteFtsBackend(SearchBackend):
    def install(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(title, body, facets, "
                "tokenize='unicode61 remove_diacritics 0', content='', columnsize=0)"
            )
            cur.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {TITLES} USING fts5(title, facets, "
                "tokenize='unicode61 remove_diacritics 0', content='', columnsize=0)"
            )

    def uninstall(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
            cur.execute(f"DROP TABLE IF EXISTS {TITLES}")

    @staticmethod
    def values(row: IndexRow) -> tuple:
        return (row.sort_key, fts_tokens(row.title_norm), fts_tokens(row.rest_norm), facet_tokens(row))

    def add(self, rows: list[IndexRow]) -> None:
        values = [self.values(r) for r in rows]
        with self.conn.cursor() as cur:
            cur.executemany(f"INSERT INTO {TABLE}(rowid, title, body, facets) VALUES (%s, %s, %s, %s)", values)
            cur.executemany(f"INSERT INTO {TITLES}(rowid, title, facets) VALUES (%s, %s, %s)",
                            [(v[0], v[1], v[3]) for v in values])

    def remove(self, rows: list[IndexRow]) -> None:
        # A contentless table forgets a row given exactly the values it was indexed with; the stored document
        # regenerates them (so the analysis must not change without a rebuild: `gongkai search --reindex`).
        values = [self.values(r) for r in rows]
        with self.conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO {TABLE}({TABLE}, rowid, title, body, facets) VALUES ('delete', %s, %s, %s, %s)", values
            )
            cur.executemany(f"INSERT INTO {TITLES}({TITLES}, rowid, title, facets) VALUES ('delete', %s, %s, %s)",
                            [(v[0], v[1], v[3]) for v in values])

    def clear(self) -> None:
        with self.conn.cursor() as cur:
            for table in (TABLE, TITLES):
                cur.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")

    def optimize(self) -> None:
        with self.conn.cursor() as cur:
            for table in (TABLE, TITLES):
                cur.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    @staticmethod
    def match_expr(words, filters: Filters, title_only: bool | None) -> str:
        content = " AND ".join(fts_phrase(w) for w in words)
        facets = " AND ".join("{facets} : " + token for token in _facet_expr(filters))
        if title_only is True:
            expr = "{title} : (" + content + ")"
        elif title_only is False:
            expr = "(" + content + ") NOT {title} : (" + content + ")"
        else:
            expr = content
        return f"({expr}) AND {facets}" if facets else expr

    @staticmethod
    def _range(filters: Filters, before: int | None) -> tuple[str, list]:
        sql, params = "", []
        if filters.min_key is not None:
            sql += " AND rowid >= %s"
            params.append(filters.min_key)
        upper = [k for k in (filters.max_key, None if before is None else before - 1) if k is not None]
        if upper:
            sql += " AND rowid <= %s"
            params.append(min(upper))
        return sql, params

    def page(self, words, filters: Filters, *, title_only: bool | None, before: int | None, limit: int) -> list[int]:
        range_sql, range_params = self._range(filters, before)
        table = TITLES if title_only is True else TABLE
        with self.conn.cursor() as cur:
            cur.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH %s{range_sql} ORDER BY rowid DESC LIMIT %s",
                [self.match_expr(words, filters, title_only), *range_params, limit],
            )
            return [r[0] for r in cur.fetchall()]

    def count(self, words, filters: Filters, *, cap: int) -> int:
        range_sql, range_params = self._range(filters, None)
        with self.conn.cursor() as cur:
            cur.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s{range_sql} LIMIT %s)",
                [self.match_expr(words, filters, None), *range_params, cap + 1],
            )
            return cur.fetchone()[0]
