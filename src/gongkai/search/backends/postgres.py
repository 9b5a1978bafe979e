"""PostgreSQL: the distinct bigrams of each text in GIN-indexed int4[] arrays, checked with strpos.

``grams @> query_grams`` finds the candidates through the GIN index (or, for common words, the planner walks
the sort-key index newest first and stops early); ``strpos(text_norm, word) > 0`` keeps exactly the documents
that contain the word, so the result equals the reference substring scan (ADR 0010).
"""

from gongkai.search.backends.base import Filters, IndexRow, SearchBackend
from gongkai.search.domain.analysis import bigrams, gram_key, gram_keys

TABLE = "search_pg"

DDL = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        sort_key bigint PRIMARY KEY,
        agency_path varchar(255) NOT NULL,
        topic varchar(50) NOT NULL, genre varchar(50) NOT NULL, validity varchar(30) NOT NULL,
        title_norm text NOT NULL, text_norm text NOT NULL,
        title_grams int4[] NOT NULL, grams int4[] NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_title_grams ON {TABLE} USING gin (title_grams)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_grams ON {TABLE} USING gin (grams)",
]


def _word_grams(words) -> list[int]:
    return sorted({gram_key(b) for w in words for b in bigrams(w)})


class PostgresBackend(SearchBackend):
    def install(self) -> None:
        with self.conn.cursor() as cur:
            for statement in DDL:
                cur.execute(statement)

    def uninstall(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {TABLE}")

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

    def remove(self, rows: list[IndexRow]) -> None:
        with self.conn.cursor() as cur:
            cur.execute(f"DELETE FROM {TABLE} WHERE sort_key = ANY(%s)", [[r.sort_key for r in rows]])

    def clear(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute(f"TRUNCATE {TABLE}")

    @staticmethod
    def where(words, filters: Filters, title_only: bool | None, before: int | None) -> tuple[str, list]:
        grams = _word_grams(words)
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

    def page(self, words, filters: Filters, *, title_only: bool | None, before: int | None, limit: int) -> list[int]:
        sql, params = self.where(words, filters, title_only, before)
        with self.conn.cursor() as cur:
            cur.execute(f"SELECT sort_key FROM {TABLE} WHERE {sql} ORDER BY sort_key DESC LIMIT %s",
                        [*params, limit])
            return [r[0] for r in cur.fetchall()]

    def count(self, words, filters: Filters, *, cap: int) -> int:
        sql, params = self.where(words, filters, None, None)
        with self.conn.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {sql} LIMIT %s) AS hits",
                        [*params, cap + 1])
            return cur.fetchone()[0]
