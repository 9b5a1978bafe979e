"""Gongkai's bigram index beside the usual substring indexes of each database, on the same corpus and queries
(issue 17 §4): SQLite FTS5 with the ``trigram`` tokenizer (LIKE, which that index answers for patterns of 3
characters or more and by a scan for 1–2), and PostgreSQL ``pg_trgm`` GIN with ILIKE.

Each engine does the same work per query: the count of matches capped at 1,000 (1,001 looked for) and the
newest 21 sort keys (a page by date and the next cursor). The comparison tables hold the same normalised text
as the reference scan (``IndexRow.text_norm``), keyed by the sort key; they live in the benchmark's own
database only and are built once (``--reuse`` keeps them).
"""

import time

SQLITE_TABLE = "bench_cmp_trigram"
PG_TABLE = "bench_cmp_trgm"
BATCH = 5_000


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _exists(cur, db: str, table: str) -> bool:
    if db == "sqlite":
        cur.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [table])
    else:
        cur.execute("SELECT 1 FROM pg_class WHERE relname = %s", [table])
    return cur.fetchone() is not None


def _rows():
    from django.db import connection

    from gongkai.search.backends import IndexRow

    last = -1
    while True:
        with connection.cursor() as cur:
            cur.execute("SELECT sort_key, agency_path, title, summary, body, doc_number, index_number "
                        "FROM search_searchdocument WHERE sort_key > %s ORDER BY sort_key LIMIT %s", [last, BATCH])
            batch = cur.fetchall()
        if not batch:
            return
        last = batch[-1][0]
        yield [(r[0], IndexRow(sort_key=r[0], agency_path=r[1], title=r[2], summary=r[3], body=r[4],
                               doc_number=r[5], index_number=r[6], topic="", genre="", validity="").text_norm)
               for r in batch]


def build(db: str) -> float | None:
    """Create and fill the comparison table (None when it exists already); seconds taken."""
    from django.db import connection, transaction

    table = SQLITE_TABLE if db == "sqlite" else PG_TABLE
    with connection.cursor() as cur:
        if _exists(cur, db, table):
            return None
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        if db == "sqlite":
            cur.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(text, tokenize='trigram')")
            insert = f"INSERT INTO {table}(rowid, text) VALUES (%s, %s)"
        else:
            cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cur.execute(f"CREATE TABLE {table} (sort_key bigint PRIMARY KEY, text text NOT NULL)")
            insert = f"INSERT INTO {table}(sort_key, text) VALUES (%s, %s)"
        for batch in _rows():
            cur.executemany(insert, batch)
        if db == "sqlite":
            cur.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        else:
            cur.execute("SET maintenance_work_mem = '1GB'")
            cur.execute(f"CREATE INDEX {table}_gin ON {table} USING gin (text gin_trgm_ops)")
    if db == "postgres":
        connection.set_autocommit(True)
        with connection.cursor() as cur:
            cur.execute(f"VACUUM ANALYZE {table}")
    return round(time.perf_counter() - started, 1)


def _where(db: str, words) -> tuple[str, list]:
    if db == "postgres":
        return " AND ".join("text ILIKE %s ESCAPE '\\'" for _ in words), [_like(w) for w in words]
    # FTS5 answers LIKE from its trigram index only without an ESCAPE clause: a word holding % or _ (none of
    # the benchmark's queries) would be a scan.
    parts = [("text LIKE %s ESCAPE '\\'", _like(w)) if ("%" in w or "_" in w or "\\" in w)
             else ("text LIKE %s", f"%{w}%") for w in words]
    return " AND ".join(p for p, _v in parts), [v for _p, v in parts]


def comparator_query(db: str, words, *, cap: int = 1000, limit: int = 21) -> tuple[int, list[int]]:
    """(capped count, newest sort keys) of documents containing every word, by the comparison index."""
    from django.db import connection

    where, params = _where(db, words)
    table, key = (SQLITE_TABLE, "rowid") if db == "sqlite" else (PG_TABLE, "sort_key")
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM (SELECT {key} FROM {table} WHERE {where} LIMIT %s) t", [*params, cap + 1])
        count = cur.fetchone()[0]
        cur.execute(f"SELECT {key} FROM {table} WHERE {where} ORDER BY {key} DESC LIMIT %s", [*params, limit])
        return count, [r[0] for r in cur.fetchall()]


def gongkai_query(backend, words, *, cap: int = 1000, limit: int = 21) -> tuple[int, list[int]]:
    from gongkai.search.backends import Filters

    return (backend.count(words, Filters(), cap=cap),
            backend.page(words, Filters(), title_only=None, before=None, limit=limit))


def _percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def compare(db: str, query_set, *, repeat: int, texts: list[str] | None = None) -> dict:
    """Time both engines on every query (same work); check the comparator's answers against the reference."""
    from django.db import connection

    from gongkai.search.backends import backend_for
    from gongkai.search.domain.analysis import parse_query
    from gongkai.search.domain.keys import DAY

    build_seconds = build(db)
    name = "SQLite FTS5 trigram + LIKE" if db == "sqlite" else "PostgreSQL pg_trgm GIN + ILIKE"
    backend = backend_for(connection)
    word_sets = [parse_query(q).words for _kind, q in query_set]
    word_sets = [w for w in word_sets if w]
    timings: dict[str, list[float]] = {"gongkai": [], name: []}
    same_first_page = 0
    for _ in range(repeat):
        for words in word_sets:
            t0 = time.perf_counter()
            ours = gongkai_query(backend, words)
            t1 = time.perf_counter()
            theirs = comparator_query(db, words)
            t2 = time.perf_counter()
            timings["gongkai"].append((t1 - t0) * 1000)
            timings[name].append((t2 - t1) * 1000)
            same_first_page += (min(ours[0], 1001), ours[1]) == (min(theirs[0], 1001), theirs[1])
    result = {"comparator": name, "build_seconds": build_seconds, "queries": len(word_sets),
              "same_answers": round(same_first_page / (len(word_sets) * repeat), 4)}
    for engine, values in timings.items():
        result[engine] = {"p50_ms": round(_percentile(values, 50), 2), "p95_ms": round(_percentile(values, 95), 2),
                          "p99_ms": round(_percentile(values, 99), 2), "max_ms": round(max(values), 1)}
    result["gongkai_p95_to_best_other"] = round(result["gongkai"]["p95_ms"] / result[name]["p95_ms"], 2)
    if texts is not None:   # the comparator's recall against the reference scan, all matches asked for
        found = ref = 0
        for words in word_sets:
            reference = {i for i, text in enumerate(texts) if all(w in text for w in words)}
            _count, keys = comparator_query(db, words, limit=10**8)
            answer = {k % DAY - 1 for k in keys}
            found += len(reference & answer)
            ref += len(reference)
        result[f"{name} recall"] = found / ref if ref else 1.0
    return result
