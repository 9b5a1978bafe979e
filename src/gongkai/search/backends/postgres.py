"""PostgreSQL: distinct bigrams and trigrams in GIN-indexed int4[] arrays, checked with strpos, a partition a year.

``grams @> query_grams AND tri @> query_trigrams`` finds candidates through a GIN index; ``strpos(text_norm,
word) > 0`` keeps exactly the documents that contain the word, so the result equals the reference substring scan
(ADR 0010). A word of two characters is looked up by its bigram; a longer one by its two rarest trigrams, whose
posting lists are short even when every bigram of the word is common (ADR 0075).

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

Only the rarest keys of each word go into the GIN condition (fewer posting lists to read; strpos checks the
rest). Filters (agency and every agency above it, topic, genre, validity) are also GIN keys, in a second
column of the same index, so a filtered search does not verify candidates of other agencies.
"""

import datetime as dt
import time
import zlib

import psycopg
from django.db import IntegrityError, ProgrammingError, transaction

from gongkai.search.backends.base import Filters, IndexRow, SearchBackend
from gongkai.search.domain.analysis import bigrams, gram_key, gram_keys, trigram_key, trigram_keys, trigrams
from gongkai.search.domain.keys import DAY, sort_key

TABLE = "search_pg"
# Titles again, in a narrow table: the title tier must not read wide rows (text and its grams) per candidate.
TITLES = "search_pg_title"
_GRAMS = {TABLE: "grams", TITLES: "title_grams"}
_TRIGRAMS = {TABLE: "tri"}   # titles are short: their bigrams are few candidates already
_OWN_COLUMNS = {TABLE: "title_norm text NOT NULL, text_norm text NOT NULL, grams int4[] NOT NULL, "
                       "tri int4[] NOT NULL",
                TITLES: "title_norm text NOT NULL, title_grams int4[] NOT NULL"}
_GIN_COLUMNS = {TABLE: "grams, tri, facets", TITLES: "title_grams, facets"}
COLUMNS = {TABLE: ("sort_key", "agency_path", "topic", "genre", "validity", "title_norm", "text_norm", "grams",
                   "tri", "facets"),
           TITLES: ("sort_key", "agency_path", "topic", "genre", "validity", "title_norm", "title_grams", "facets")}

PROBE_ROWS = 200       # rows read in key order at the top of each year before choosing how to go on
# Walking costs about 2 µs a row, the GIN index about 3 µs a candidate: for the 1,001 matches of a count in a
# year of ~60,000 documents the two cost the same when about a tenth of the rows match.
WALK_DENSITY = 0.1     # at least this share of the probe matched: keep walking the year in key order
RARE = 5000            # estimated candidates below this: one GIN query over every year
GRAMS_PER_WORD = 6     # a word's rarest bigrams in the condition where the table has no trigrams (titles)
TRIGRAMS_PER_WORD = 4  # a word's rarest trigrams, apart where they can be (``_spread``)
_STATS: dict[tuple, tuple[float, dict]] = {}
_FLOOR = "floor"   # the share assumed for a bigram the statistics do not list
_STATS_TTL = 600.0

# A probe and a walk read a year in key order (its primary key backwards); a bitmap asks its GIN index.
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


def key_shares(partitions) -> dict:
    """Each listed key's share of the documents, at most, from the partitions' (most common elements, their
    frequencies, row count); ``None``: the row count; ``_FLOOR``: the share assumed for a key never listed.

    After the per-element frequencies PostgreSQL stores their minimum, maximum and the null frequency: a key
    missing from a partition's list is at most about as common there as the least common listed (the floor).
    A key listed in some years only may still be in the others, up to their floor: counting it there as absent
    made a key common in old years look rare, and the one-query plan then read every year's candidates."""
    counts: dict = {}        # documents holding the key in the partitions that list it
    floor_listed: dict = {}  # the floor's documents in those partitions
    total = floor = 0.0
    for elems, freqs, rows in partitions:
        rows = max(float(rows), 0.0)
        total += rows
        elems, freqs = elems or [], freqs or []
        part_floor = freqs[len(elems)] * rows if len(freqs) > len(elems) else 0.0
        floor += part_floor
        for elem, freq in zip(elems, freqs, strict=False):
            counts[elem] = counts.get(elem, 0.0) + freq * rows
            floor_listed[elem] = floor_listed.get(elem, 0.0) + part_floor
    shares: dict = {elem: (n + floor - floor_listed[elem]) / total for elem, n in counts.items()} if total else {}
    shares[None] = total
    shares[_FLOOR] = floor / total if total else 0.0
    return shares


def _spread(keys: list[int], freqs: dict, count: int) -> list[int]:
    """``count`` of a word's trigram keys (in word order), the rarest first, apart from each other where they can
    be: neighbouring trigrams share two characters and mostly the same documents (a 文号's agency part)."""
    order = sorted(range(len(keys)), key=lambda i: (freqs.get(keys[i], freqs[_FLOOR]), i))
    picked: list[int] = []
    for i in order:
        if len(picked) < count and all(abs(i - j) >= 3 for j in picked):
            picked.append(i)
    for i in order:
        if len(picked) < count and i not in picked:
            picked.append(i)
    return [keys[i] for i in picked]


class PostgresBackend(SearchBackend):
    def __init__(self, conn):
        super().__init__(conn)
        self._memo: dict[tuple, tuple[list[tuple[int, bool]], bool]] = {}
        self._years: dict[str, list[int]] = {}   # the partitions, read once per search (one backend per search)

    # --- structure --------------------------------------------------------------------------------------------

    def install(self) -> None:
        with self.conn.cursor() as cur:
            for table in (TABLE, TITLES):
                cur.execute(f"""CREATE TABLE IF NOT EXISTS {table} (
                    sort_key bigint NOT NULL PRIMARY KEY, agency_path varchar(255) NOT NULL,
                    topic varchar(50) NOT NULL, genre varchar(50) NOT NULL, validity varchar(30) NOT NULL,
                    {_OWN_COLUMNS[table]}, facets int4[] NOT NULL) PARTITION BY RANGE (sort_key)""")
                cur.execute(f"CREATE INDEX IF NOT EXISTS {table}_gin ON {table} USING gin ({_GIN_COLUMNS[table]})")

    def uninstall(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {TABLE}, {TITLES} CASCADE")

    def partitions(self, cur, table: str) -> list[int]:
        """The years that have a partition, newest first."""
        cur.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s", [table])
        return sorted((int(name.rsplit("_y", 1)[1]) for (name,) in cur.fetchall()), reverse=True)

    def _search_years(self, cur, table: str) -> list[int]:
        """``partitions``, kept for the rest of this search: its count and pages ask two or three times."""
        if table not in self._years:
            self._years[table] = self.partitions(cur, table)
        return self._years[table]

    def ensure_partitions(self, keys) -> None:
        """Create the year partitions these sort keys fall in (before inserting them).

        Creating a partition locks the parent table until the transaction ends, so searches wait for the
        publishing transaction: the minute job ``search.year_partitions`` creates this year's and next year's
        ahead of time, which leaves only back-dated imports of new old years to do it here."""
        years = {year_of(k) for k in keys}
        self._years.clear()
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
                gram_keys(text_norm), trigram_keys(text_norm), facet_keys(row))

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

    def _frequencies(self, table: str, column: str | None = None) -> dict:
        """Share of documents holding each common key of ``column`` (the bigrams by default), from the
        partitions' statistics, and the row count."""
        column = column or _GRAMS[table]
        key = (self.conn.settings_dict["NAME"], table, column)
        cached = _STATS.get(key)
        if cached and time.monotonic() - cached[0] < _STATS_TTL:
            return cached[1]
        with self.conn.cursor() as cur:
            cur.execute("SELECT s.most_common_elems::text::int4[], s.most_common_elem_freqs, c.reltuples "
                        "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                        "JOIN pg_class c ON c.oid = i.inhrelid "
                        "JOIN pg_stats s ON s.tablename = c.relname AND s.attname = %s "
                        "WHERE p.relname = %s", [column, table])
            freqs = key_shares(cur.fetchall())
        _STATS[key] = (time.monotonic(), freqs)
        return freqs

    def _word_keys(self, word: str, table: str) -> tuple[str, list[int], dict]:
        """The column a word is looked up in, its keys there in word order and that column's statistics."""
        if len(word) >= 3 and table in _TRIGRAMS:
            column, keys = _TRIGRAMS[table], [trigram_key(t) for t in trigrams(word)]
        else:
            column, keys = _GRAMS[table], [gram_key(b) for b in bigrams(word)]
        return column, keys, self._frequencies(table, column)

    def _estimate(self, words, table: str) -> float:
        """At most how many documents can match: the rarest key's share of the table (absent: rare)."""
        shares = []
        for word in words:
            _column, keys, freqs = self._word_keys(word, table)
            shares.append(min(freqs.get(k, freqs[_FLOOR]) for k in keys) * freqs[None])
        return min(shares)

    def _keys(self, words, table: str) -> dict[str, list[int]]:
        """The GIN condition's keys, by column: each word's rarest (absent from the statistics: rarest of all),
        its trigrams apart from each other."""
        chosen: dict[str, set[int]] = {}
        for word in words:
            column, keys, freqs = self._word_keys(word, table)
            if column in _TRIGRAMS.values():
                picked = _spread(keys, freqs, TRIGRAMS_PER_WORD)
            else:
                picked = sorted(set(keys), key=lambda k: freqs.get(k, freqs[_FLOOR]))[:GRAMS_PER_WORD]
            chosen.setdefault(column, set()).update(picked)
        return {column: sorted(keys) for column, keys in chosen.items()}

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
        """The rows of ``sql`` planned the ``plan`` way: the plan's settings and the query in one round trip.

        Django's psycopg cursors bind parameters on the client, so several statements can go in one message;
        with server-side binding (the ``server_side_binding`` option) they go one by one. The settings stay
        until ``_harvest`` resets them at its end (on an error the search's atomic block rolls them back)."""
        if isinstance(getattr(cur, "cursor", None), psycopg.ClientCursor):
            cur.execute(f"{_PLANS[plan]}; {sql}", params)
            while cur.description is None and cur.nextset():   # past the SETs to the query's rows
                pass
        else:
            cur.execute(_PLANS[plan])
            cur.execute(sql, params)
        return cur.fetchall()

    def _year_windows(self, cur, table: str, filters: Filters, before: int | None) -> list[tuple[str, int, int]]:
        """(partition, low, high) of the years to search, newest first, the [low, high) sort-key range cut by
        the year filter and the cursor. A query of one year names its partition: planning it then costs a
        fifteenth of planning it on the parent table, which prunes the other years again on every query."""
        top = min(k for k in (before, None if filters.max_key is None else filters.max_key + 1, 2**63 - 1)
                  if k is not None)
        bottom = filters.min_key or 0
        windows = []
        for year in self._search_years(cur, table):
            low, high = year_bounds(year)
            low, high = max(low, bottom), min(high, top)
            if low < high:
                windows.append((f"{table}_y{year}", low, high))
        return windows

    def _harvest(self, mode: str, words, filters: Filters, before: int | None, limit: int) -> list[tuple[int, bool]]:
        """(sort key, every word in the title) of the newest ``limit`` matches below ``before``, newest first."""
        table = TITLES if mode == "title" else TABLE
        match, match_params = self._match(words, filters, mode)
        flag, flag_params = self._flag(words, mode)
        keys = self._keys(words, table)
        facets = filter_facets(filters)
        if facets:
            keys["facets"] = facets
        gin = " AND ".join(f"{column} @> %s::int4[]" for column in keys)
        gin_params: list = list(keys.values())
        def newest(plan: str, source: str, low: int, high: int, need: int, condition: str, params: list):
            return [(k, f) for k, f in self._run(
                cur, plan, f"SELECT sort_key, {flag} FROM {source} WHERE {condition} AND sort_key >= %s "
                           f"AND sort_key < %s ORDER BY sort_key DESC LIMIT %s",
                [*flag_params, *params, low, high, need])]

        def by_years(cur, years) -> list[tuple[int, bool]]:
            if self._estimate(words, table) <= RARE:
                return newest("bitmap", table, years[-1][1], years[0][2], limit, f"{gin} AND {match}",
                              [*gin_params, *match_params])
            out: list[tuple[int, bool]] = []
            for partition, low, high in years:
                need = limit - len(out)
                if need <= 0:
                    break
                probe = self._run(cur, "walk", f"SELECT sort_key, ({match}) AS hit, ({flag}) AS flag "
                                               f"FROM {partition} WHERE sort_key >= %s AND sort_key < %s "
                                               f"ORDER BY sort_key DESC LIMIT {PROBE_ROWS}",
                                  [*match_params, *flag_params, low, high])
                hits = [(k, f) for k, hit, f in probe if hit]
                if len(hits) >= need or len(probe) < PROBE_ROWS:   # enough, or the year is read to its start
                    out += hits[:need]
                    continue
                out += hits
                rest = probe[-1][0]
                if len(hits) >= WALK_DENSITY * len(probe):
                    out += newest("walk", partition, low, rest, need - len(hits), match, match_params)
                else:
                    out += newest("bitmap", partition, low, rest, need - len(hits), f"{gin} AND {match}",
                                  [*gin_params, *match_params])
            return out

        with transaction.atomic(using=self.conn.alias), self.conn.cursor() as cur:
            years = self._year_windows(cur, table, filters, before)
            if not years:
                return []
            found = by_years(cur, years)
            # Inside an outer transaction the block is a savepoint, whose release keeps SET LOCAL: undo them.
            cur.execute(_RESET)
            return found

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
