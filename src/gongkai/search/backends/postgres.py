"""PostgreSQL: distinct bigrams in GIN-indexed int4[] arrays, checked with strpos, one partition per year.

``grams @> query_grams`` finds candidates through a GIN index; ``strpos(text_norm, word) > 0`` keeps exactly the
documents that contain the word, so the result equals the reference substring scan (ADR 0010).

A search wants the newest matches: a page of 20, and up to 1,001 for the capped count. Both tables are
partitioned by year of the sort key, and the search walks the years newest first until it has enough:

- in each year it first reads the newest ``PROBE_ROWS`` rows in key order and checks them with strpos alone —
  cheap, and it measures how dense the matches are there;
- if they are dense it goes on walking the year in key order and stops as soon as it has enough;
- if they are sparse it asks the year's own GIN index for the rest of the year, and checks only those
  candidates. A year's GIN index is a seventeenth of the whole, so a word found only in old documents
  (``〔2020〕``) costs a probe per newer year, not a scan of every candidate;
- when the column statistics say even the rarest bigram of a word is rare, one GIN query over all years
  answers at once.

Only the rarest bigrams of each word go into the GIN condition (fewer posting lists to read; strpos checks the
rest). Filters (agency and every agency above it, topic, genre, validity) are also GIN keys, in a second
column of the same index, so a filtered search does not verify candidates of other agencies.
"""

import datetime as dt
import time
import zlib

from django.db import IntegrityError, ProgrammingError, transaction

from gongkai.search.backends.base import Filters, IndexRow, SearchBackend
from gongkai.search.domain.analysis import bigrams, gram_key, gram_keys
from gongkai.search.domain.keys import DAY, sort_key

TABLE = "search_pg"
# Titles again, in a narrow table: the title tier must not read wide rows (text and its grams) per candidate.
TITLES = "search_pg_title"
_GRAMS = {TABLE: "grams", TITLES: "title_grams"}
_OWN_COLUMNS = {TABLE: "title_norm text NOT NULL, text_norm text NOT NULL, grams int4[] NOT NULL",
                TITLES: "title_norm text NOT NULL, title_grams int4[] NOT NULL"}
COLUMNS = {TABLE: ("sort_key", "agency_path", "topic", "genre", "validity", "title_norm", "text_norm", "grams",
                   "facets"),
           TITLES: ("sort_key", "agency_path", "topic", "genre", "validity", "title_norm", "title_grams", "facets")}

PROBE_ROWS = 200       # rows read in key order at the top of each year before choosing how to go on
# Walking costs about 2 µs a row, the GIN index about 3 µs a candidate: for the 1,001 matches of a count in a
# year of ~60,000 documents the two cost the same when about a tenth of the rows match.
WALK_DENSITY = 0.1     # at least this share of the probe matched: keep walking the year in key order
RARE = 5000            # estimated candidates below this: one GIN query over every year
GRAMS_PER_WORD = 6
_STATS: dict[tuple, tuple[float, dict]] = {}
_FLOOR = "floor"   # the share assumed for a bigram the statistics do not list
_STATS_TTL = 600.0

_PLANS = {
    "bitmap": "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = on",
    "walk": "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = on",
}
_RESET = "SET LOCAL enable_seqscan = on; SET LOCAL enable_bitmapscan = on; SET LOCAL enable_indexscan = on"


def year_of(key: int) -> int:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=key // DAY)).year


def year_bounds(year: int) -> tuple[int, int]:
    """The sort keys of a year's partition: [first, next year's first)."""
    return sort_key(dt.date(year, 1, 1), 0), sort_key(dt.date(year + 1, 1, 1), 0)


def _facet(label: str) -> int:
    return zlib.crc32(label.encode()) - 0x80000000


def facet_keys(row: IndexRow) -> list[int]:
    """GIN keys of what a search can filter on (a hash may collide: the columns themselves are checked too)."""
    labels = [f"ag:{a}" for a in row.agency_ids()] + [f"tp:{row.topic}", f"gn:{row.genre}", f"vd:{row.validity}"]
    return sorted({_facet(label) for label in labels})


def filter_facets(filters: Filters) -> list[int]:
    labels = []
    if filters.agency_path:
        labels.append(f"ag:{[p for p in filters.agency_path.split('/') if p][-1]}")
    labels += [f"{prefix}:{value}" for prefix, value in
               (("tp", filters.topic), ("gn", filters.genre), ("vd", filters.validity)) if value]
    return sorted({_facet(label) for label in labels})


class PostgresBackend(SearchBackend):
    def __init__(self, conn):
        super().__init__(conn)
        self._memo: dict[tuple, tuple[list[tuple[int, bool]], bool]] = {}

    # --- structure --------------------------------------------------------------------------------------------

    def install(self) -> None:
        with self.conn.cursor() as cur:
            for table in (TABLE, TITLES):
                cur.execute(f"""CREATE TABLE IF NOT EXISTS {table} (
                    sort_key bigint NOT NULL PRIMARY KEY, agency_path varchar(255) NOT NULL,
                    topic varchar(50) NOT NULL, genre varchar(50) NOT NULL, validity varchar(30) NOT NULL,
                    {_OWN_COLUMNS[table]}, facets int4[] NOT NULL) PARTITION BY RANGE (sort_key)""")
                cur.execute(f"CREATE INDEX IF NOT EXISTS {table}_gin ON {table} USING gin ({_GRAMS[table]}, facets)")

    def uninstall(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {TABLE}, {TITLES} CASCADE")

    def partitions(self, cur, table: str) -> list[int]:
        """The years that have a partition, newest first."""
        cur.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s", [table])
        return sorted((int(name.rsplit("_y", 1)[1]) for (name,) in cur.fetchall()), reverse=True)

    def ensure_partitions(self, keys) -> None:
        """Create the year partitions these sort keys fall in (before inserting them).

        Creating a partition locks the parent table until the transaction ends, so searches wait for the
        publishing transaction: the minute job ``search.year_partitions`` creates this year's and next year's
        ahead of time, which leaves only back-dated imports of new old years to do it here."""
        years = {year_of(k) for k in keys}
        with self.conn.cursor() as cur:
            for table in (TABLE, TITLES):
                for year in sorted(years - set(self.partitions(cur, table))):
                    low, high = year_bounds(year)
                    try:   # in a savepoint: two publications of the year's first documents may race here
                        with transaction.atomic(using=self.conn.alias):
                            cur.execute(f"CREATE TABLE IF NOT EXISTS {table}_y{year} PARTITION OF {table} "
                                        f"FOR VALUES FROM ({low}) TO ({high})")
                    except (IntegrityError, ProgrammingError):
                        if year not in self.partitions(cur, table):
                            raise

    # --- writing ----------------------------------------------------------------------------------------------

    @staticmethod
    def values(row: IndexRow) -> tuple:
        title_norm = row.title_norm
        text_norm = title_norm + " " + row.rest_norm
        return (row.sort_key, row.agency_path, row.topic, row.genre, row.validity, title_norm, text_norm,
                gram_keys(text_norm), facet_keys(row))

    @staticmethod
    def title_values(row: IndexRow) -> tuple:
        title_norm = row.title_norm
        return (row.sort_key, row.agency_path, row.topic, row.genre, row.validity, title_norm,
                gram_keys(title_norm), facet_keys(row))

    def add(self, rows: list[IndexRow]) -> None:
        if not rows:
            return
        self.ensure_partitions(r.sort_key for r in rows)
        with self.conn.cursor() as cur:
            for table, values in ((TABLE, self.values), (TITLES, self.title_values)):
                columns = COLUMNS[table]
                cur.executemany(f"INSERT INTO {table} ({', '.join(columns)}) "
                                f"VALUES ({', '.join(['%s'] * len(columns))})", [values(r) for r in rows])

    def remove(self, rows: list[IndexRow]) -> None:
        with self.conn.cursor() as cur:
            for table in (TABLE, TITLES):
                cur.execute(f"DELETE FROM {table} WHERE sort_key = ANY(%s)", [[r.sort_key for r in rows]])

    def clear(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute(f"TRUNCATE {TABLE}, {TITLES}")

    def optimize(self) -> None:
        """Rewrite each year in key order (a walk then reads neighbouring rows) and refresh the statistics.

        Documents published day by day arrive in key order anyway; a bulk import of old years does not."""
        with self.conn.cursor() as cur:
            for table in (TABLE, TITLES):
                for year in self.partitions(cur, table):   # one by one: a partitioned CLUSTER needs autocommit
                    cur.execute("SELECT indexrelid::regclass::text FROM pg_index "
                                "WHERE indrelid = %s::regclass AND indisprimary", [f"{table}_y{year}"])
                    cur.execute(f"CLUSTER {table}_y{year} USING {cur.fetchone()[0]}")
                cur.execute(f"ANALYZE {table}")
        _STATS.clear()

    # --- statistics -------------------------------------------------------------------------------------------

    def _frequencies(self, table: str) -> dict:
        """Share of documents holding each common bigram, from the partitions' statistics, and the row count."""
        key = (self.conn.settings_dict["NAME"], table)
        cached = _STATS.get(key)
        if cached and time.monotonic() - cached[0] < _STATS_TTL:
            return cached[1]
        with self.conn.cursor() as cur:
            cur.execute("SELECT s.most_common_elems::text::int4[], s.most_common_elem_freqs, c.reltuples "
                        "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                        "JOIN pg_class c ON c.oid = i.inhrelid "
                        "JOIN pg_stats s ON s.tablename = c.relname AND s.attname = %s "
                        "WHERE p.relname = %s", [_GRAMS[table], table])
            counts: dict = {}
            total = floor = 0.0
            for elems, freqs, rows in cur.fetchall():
                rows = max(float(rows), 0.0)
                total += rows
                elems, freqs = elems or [], freqs or []
                for elem, freq in zip(elems, freqs, strict=False):
                    counts[elem] = counts.get(elem, 0.0) + freq * rows
                # After the per-element frequencies PostgreSQL stores their minimum, maximum and the null
                # frequency: a bigram missing from the list is at most about as common as the least common listed.
                if len(freqs) > len(elems):
                    floor += freqs[len(elems)] * rows
        freqs = {elem: n / total for elem, n in counts.items()} if total else {}
        freqs[None] = total
        freqs[_FLOOR] = floor / total if total else 0.0
        _STATS[key] = (time.monotonic(), freqs)
        return freqs

    def _estimate(self, words, table: str) -> float:
        """At most how many documents can match: the rarest bigram's share of the table (absent: rare)."""
        freqs = self._frequencies(table)
        floor = freqs[_FLOOR]
        share = min(min(freqs.get(gram_key(b), floor) for b in bigrams(word)) for word in words)
        return share * freqs[None]

    def _grams(self, words, table: str) -> list[int]:
        freqs = self._frequencies(table)
        chosen: set[int] = set()
        for word in words:
            keys = sorted({gram_key(b) for b in bigrams(word)}, key=lambda k: freqs.get(k, 0.0))   # absent: rarest
            chosen.update(keys[:GRAMS_PER_WORD])
        return sorted(chosen)

    # --- searching --------------------------------------------------------------------------------------------

    @staticmethod
    def _match(words, filters: Filters, mode: str) -> tuple[str, list]:
        """The exact test of one row: every word in the text (or title), and the filters."""
        in_title = " AND ".join("strpos(title_norm, %s) > 0" for _ in words)
        if mode == "title":
            sql, params = in_title, list(words)
        else:
            sql, params = " AND ".join("strpos(text_norm, %s) > 0" for _ in words), list(words)
            if mode == "rest":
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
        return sql, params

    @staticmethod
    def _flag(words, mode: str) -> tuple[str, list]:
        """Whether a matching row has every word in its title (the relevance tier)."""
        if mode == "any":
            return " AND ".join("strpos(title_norm, %s) > 0" for _ in words), list(words)
        return ("true" if mode == "title" else "false"), []

    def _run(self, cur, plan: str, sql: str, params: list) -> list:
        # On an error the search's atomic block rolls back, and the SET LOCALs with it.
        cur.execute(_PLANS[plan])
        cur.execute(sql, params)
        rows = cur.fetchall()
        cur.execute(_RESET)
        return rows

    def _year_windows(self, cur, table: str, filters: Filters, before: int | None) -> list[tuple[int, int]]:
        """[low, high) sort-key ranges of the years to search, newest first, cut by the year filter and cursor."""
        top = min(k for k in (before, None if filters.max_key is None else filters.max_key + 1, 2**63 - 1)
                  if k is not None)
        bottom = filters.min_key or 0
        windows = []
        for year in self.partitions(cur, table):
            low, high = year_bounds(year)
            low, high = max(low, bottom), min(high, top)
            if low < high:
                windows.append((low, high))
        return windows

    def _harvest(self, mode: str, words, filters: Filters, before: int | None, limit: int) -> list[tuple[int, bool]]:
        """(sort key, every word in the title) of the newest ``limit`` matches below ``before``, newest first."""
        table = TITLES if mode == "title" else TABLE
        match, match_params = self._match(words, filters, mode)
        flag, flag_params = self._flag(words, mode)
        gin = f"{_GRAMS[table]} @> %s::int4[]"
        gin_params: list = [self._grams(words, table)]
        facets = filter_facets(filters)
        if facets:
            gin += " AND facets @> %s::int4[]"
            gin_params.append(facets)
        def newest(plan: str, low: int | None, high: int | None, need: int, condition: str, params: list):
            bounds, bound_params = [], []
            if low is not None:
                bounds.append("sort_key >= %s")
                bound_params.append(low)
            if high is not None:
                bounds.append("sort_key < %s")
                bound_params.append(high)
            where = " AND ".join([condition, *bounds])
            return [(k, f) for k, f in self._run(
                cur, plan, f"SELECT sort_key, {flag} FROM {table} WHERE {where} ORDER BY sort_key DESC LIMIT %s",
                [*flag_params, *params, *bound_params, need])]

        with transaction.atomic(using=self.conn.alias), self.conn.cursor() as cur:
            years = self._year_windows(cur, table, filters, before)
            if not years:
                return []
            if self._estimate(words, table) <= RARE:
                return newest("bitmap", years[-1][0], years[0][1], limit, f"{gin} AND {match}",
                              [*gin_params, *match_params])
            out: list[tuple[int, bool]] = []
            for low, high in years:
                need = limit - len(out)
                if need <= 0:
                    break
                cur.execute(f"SELECT sort_key, hit, flag FROM (SELECT sort_key, ({match}) AS hit, ({flag}) AS flag "
                            f"FROM {table} WHERE sort_key >= %s AND sort_key < %s ORDER BY sort_key DESC "
                            f"LIMIT {PROBE_ROWS}) AS probe", [*match_params, *flag_params, low, high])
                probe = cur.fetchall()
                hits = [(k, f) for k, hit, f in probe if hit]
                if len(hits) >= need or len(probe) < PROBE_ROWS:   # enough, or the year is read to its start
                    out += hits[:need]
                    continue
                out += hits
                rest = probe[-1][0]
                if len(hits) >= WALK_DENSITY * len(probe):
                    out += newest("walk", low, rest, need - len(hits), match, match_params)
                else:
                    out += newest("bitmap", low, rest, need - len(hits), f"{gin} AND {match}",
                                  [*gin_params, *match_params])
            return out

    def _newest_matches(self, words, filters: Filters, limit: int) -> tuple[list[tuple[int, bool]], bool]:
        """The newest matches (with their title tier), shared by the count and the first pages of one search."""
        key = (tuple(words), filters)
        known = self._memo.get(key)
        if known and (known[1] or len(known[0]) >= limit):
            return known[0][:limit], known[1] or len(known[0]) < limit
        pairs = self._harvest("any", words, filters, None, limit)
        complete = len(pairs) < limit
        self._memo[key] = (pairs, complete)
        return pairs, complete

    def page(self, words, filters: Filters, *, title_only: bool | None, before: int | None, limit: int) -> list[int]:
        mode = {None: "any", True: "title", False: "rest"}[title_only]
        known = self._memo.get((tuple(words), filters))
        if before is None and known:
            pairs, complete = known
            picked = [k for k, in_title in pairs if mode == "any" or in_title == (mode == "title")]
            if complete or len(picked) >= limit:
                return picked[:limit]
        return [k for k, _flag in self._harvest(mode, words, filters, before, limit)]

    def count(self, words, filters: Filters, *, cap: int) -> int:
        return len(self._newest_matches(words, filters, cap + 1)[0])
