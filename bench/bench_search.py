"""Search benchmark: recall against an exact substring scan, and latency, on a generated corpus.

    python -m bench search                          # both databases, 1,000,000 items
    python -m bench search --db sqlite --items 200000
    python -m bench search --db postgres --reuse    # keep the loaded database, re-run the queries

Each database runs in its own process (the settings are read once per process). Then the same queries run on
SQLite FTS5 ``trigram`` or PostgreSQL ``pg_trgm`` built on the same corpus (bench/search_comparators.py), and
the ratio of Gongkai's p95 to theirs is printed. The corpus goes to
var/bench/search.sqlite3 or the PostgreSQL database gk_bench_search; results to var/bench/search-<db>.json and
into docs/benchmarks/portal.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.databases import use_database

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "bench"
PG_URL = os.environ.get("GONGKAI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/gk_bench_search")
SQLITE_PATH = OUT / "search.sqlite3"
BATCH = 20_000


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench search")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded corpus")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each query")
    parser.add_argument("--latency-only", action="store_true",
                        help="with --reuse: keep the recall figures of the last run, time the queries again")
    parser.add_argument("--no-compare", action="store_true",
                        help="skip FTS5 trigram / pg_trgm on the same corpus (bench/search_comparators.py)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = _args(argv)
    if args.db == "both":
        for db in ("sqlite", "postgres"):
            cmd = [sys.executable, "-m", "bench", "search", "--db", db, "--items", str(args.items),
                   "--repeat", str(args.repeat)] + (["--reuse"] if args.reuse else []) + (
                   ["--latency-only"] if args.latency_only else []) + (["--no-compare"] if args.no_compare else [])
            subprocess.run(cmd, check=True, cwd=ROOT)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    use_database(args.db, sqlite_path=SQLITE_PATH, pg_url=PG_URL, fresh=not args.reuse)
    run(args)


DOC_COLUMNS = ("id", "key", "sort_key", "agency_id", "agency_path", "title", "summary", "body", "doc_number",
               "index_number", "doc_number_key", "index_number_key", "published_on", "written_on", "topic", "genre",
               "validity", "url", "extra", "indexed_at")


def _doc_values(item, paths, now):
    from gongkai.search.domain.analysis import doc_number_key
    from gongkai.search.domain.keys import sort_key

    doc_id = item.n + 1
    agency_id = item.agency + 1
    return (doc_id, f"item:{doc_id}", sort_key(item.published_on, doc_id), agency_id, paths[item.agency],
            item.title, item.summary, item.body, item.doc_number, item.index_number,
            doc_number_key(item.doc_number), doc_number_key(item.index_number), item.published_on,
            item.published_on, item.topic, item.genre, item.validity, f"/gk/a{agency_id}/items/{doc_id}/", "{}", now)


def load(db: str, items: int) -> tuple[list[str], float]:
    """Load the corpus; return the normalised searchable text of every item (for the reference scan)."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.corpus import agency_paths, generate
    from gongkai.search.backends import IndexRow, backend_for
    from gongkai.search.backends.postgres import COLUMNS, TABLE, TITLES

    call_command("migrate", verbosity=0)
    backend = backend_for(connection)
    paths = agency_paths()
    now = timezone.now()
    texts: list[str] = []
    started = time.perf_counter()
    with connection.cursor() as cur:
        if db == "sqlite":
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-1000000")
        else:
            cur.execute("SET maintenance_work_mem = '1GB'")
            cur.execute("SET synchronous_commit = off")
            cur.execute(f"DROP INDEX IF EXISTS {TABLE}_gin, {TITLES}_gin")   # built once at the end
    batch: list = []

    def flush():
        rows = [IndexRow(sort_key=v[2], agency_path=v[4], title=v[5], summary=v[6], body=v[7], doc_number=v[8],
                         index_number=v[9], topic=v[14], genre=v[15], validity=v[16]) for v in batch]
        if db == "sqlite":
            with connection.cursor() as cur:
                placeholders = ", ".join(["%s"] * len(DOC_COLUMNS))
                cur.executemany(f"INSERT INTO search_searchdocument ({', '.join(DOC_COLUMNS)}) "
                                f"VALUES ({placeholders})", batch)
            backend.add(rows)
            texts.extend(r.text_norm for r in rows)
        else:
            backend.ensure_partitions(r.sort_key for r in rows)
            raw = connection.connection
            with raw.cursor() as cur:
                with cur.copy(f"COPY search_searchdocument ({', '.join(DOC_COLUMNS)}) FROM STDIN") as copy:
                    for values in batch:
                        copy.write_row(values)
                with cur.copy(f"COPY {TABLE} ({', '.join(COLUMNS[TABLE])}) FROM STDIN") as copy:
                    for row in rows:
                        values = backend.values(row)
                        texts.append(values[6])
                        copy.write_row(values)
                with cur.copy(f"COPY {TITLES} ({', '.join(COLUMNS[TITLES])}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(backend.title_values(row))
        batch.clear()

    from django.db import transaction

    from gongkai.core.progress import Progress

    with transaction.atomic(), Progress(sys.stderr, f"[{db}] 生成并载入语料", total=items) as progress:
        for item in generate(items, on_progress=progress):
            batch.append(_doc_values(item, paths, now))
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
    with connection.cursor() as cur:
        if db == "postgres":
            cur.execute("SET maintenance_work_mem = '1GB'")
            backend.install()      # the GIN indexes, one per year
    if db == "postgres":
        # What `gongkai search --optimize` does after a bulk import: each year in key order, statistics.
        # The generator's items come in random date order; a site publishing day by day is in order already.
        backend.optimize()
        connection.set_autocommit(True)
        with connection.cursor() as cur:
            cur.execute(f"VACUUM ANALYZE {TABLE}, {TITLES}, search_searchdocument")
    if db == "sqlite":
        backend.optimize()
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return texts, time.perf_counter() - started


def reference_texts(items: int) -> list[str]:
    from bench.corpus import agency_paths, generate
    from gongkai.search.backends import IndexRow

    paths = agency_paths()
    return [IndexRow(sort_key=0, agency_path=paths[i.agency], title=i.title, summary=i.summary, body=i.body,
                     doc_number=i.doc_number, index_number=i.index_number, topic="", genre="",
                     validity="").text_norm for i in generate(items)]


def _percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _recall(backend, query_set, texts):
    from gongkai.search.backends import Filters
    from gongkai.search.domain.analysis import parse_query
    from gongkai.search.domain.keys import DAY

    found_total = ref_total = false_pos = 0
    misses: list[str] = []
    big: list[str] = []
    for _kind, query in query_set:
        words = parse_query(query).words
        reference = {i for i, text in enumerate(texts) if all(w in text for w in words)}
        answer = {key % DAY - 1 for key in backend.page(words, Filters(), title_only=None, before=None,
                                                          limit=10**8)}
        found_total += len(reference & answer)
        ref_total += len(reference)
        false_pos += len(answer - reference)
        if reference - answer:
            misses.append(query)
        if len(reference) > 100_000:
            big.append(query)
    recall = found_total / ref_total if ref_total else 1.0
    return recall, found_total, ref_total, false_pos, misses, big


def run(args) -> None:
    from django.db import connection

    from bench.corpus import generate, queries
    from gongkai.search import selectors
    from gongkai.search.backends import Filters, backend_for
    from gongkai.search.domain.analysis import parse_query

    db = args.db
    previous = OUT / f"search-{db}.json"
    sample = list(generate(5000))
    query_set = queries(sample)
    (ROOT / "bench" / "search_queries.tsv").write_text("".join(f"{k}\t{q}\n" for k, q in query_set))
    backend = backend_for(connection)
    if args.latency_only:
        if not (args.reuse and previous.exists()):
            sys.exit("--latency-only needs --reuse and a previous run's results")
        kept = json.loads(previous.read_text())
        load_seconds = kept["load_seconds"]
        recall, found_total, ref_total = kept["recall"], kept["found"], kept["reference"]
        false_pos, misses, big = kept["false_positives"], kept["queries_with_misses"], kept["queries_over_100k"]
    else:
        if args.reuse:
            texts, load_seconds = reference_texts(args.items), None
        else:
            print(f"[{db}] loading {args.items:,} items", flush=True)
            texts, load_seconds = load(db, args.items)
        recall, found_total, ref_total, false_pos, misses, big = _recall(backend, query_set, texts)
    print(f"[{db}] recall {recall:.6f} ({found_total:,}/{ref_total:,}), false positives {false_pos}, "
          f"queries with misses {len(misses)}", flush=True)

    timings: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for _kind, query in query_set:
            t0 = time.perf_counter()
            selectors.search(query)
            timings.setdefault(query, []).append((time.perf_counter() - t0) * 1000)
    all_ms = [ms for values in timings.values() for ms in values]
    big_ms = [ms for q in big for ms in timings[q]]
    # Deep pages: the page that starts after 50,000 results of the commonest query, by date.
    deep_ms = []
    if big:
        words = parse_query(big[0]).words
        keys = backend.page(words, Filters(), title_only=None, before=None, limit=50_001)
        for _ in range(args.repeat * 5):
            t0 = time.perf_counter()
            selectors.search(big[0], sort="date", cursor=f"0-{keys[-1]}")
            deep_ms.append((time.perf_counter() - t0) * 1000)
    result = {
        "db": db, "items": args.items, "load_seconds": load_seconds, "queries": len(query_set),
        "recall": recall, "found": found_total, "reference": ref_total, "false_positives": false_pos,
        "queries_with_misses": misses, "queries_over_100k": big,
        "p50_ms": statistics.median(all_ms), "p95_ms": _percentile(all_ms, 95), "p99_ms": _percentile(all_ms, 99),
        "max_ms": max(all_ms),
        "over_100k_p95_ms": _percentile(big_ms, 95) if big_ms else None,
        "deep_page_p95_ms": _percentile(deep_ms, 95) if deep_ms else None,
        "p95_ms_by_kind": {kind: round(_percentile([ms for k, q in query_set if k == kind for ms in timings[q]], 95), 1)
                           for kind in dict.fromkeys(k for k, _q in query_set)},
        "slowest": sorted(((round(max(v), 1), q) for q, v in timings.items()), reverse=True)[:10],
        "recall_from_previous_run": bool(args.latency_only),
        "db_bytes": _db_size(db),
        "server": _server(db),
        "load_average": os.getloadavg(),
    }
    if not args.no_compare:
        from bench.search_comparators import compare

        print(f"[{db}] comparing with the database's own substring index", flush=True)
        result["comparison"] = compare(db, query_set, repeat=args.repeat,
                                       texts=None if args.latency_only else texts)
        cmp = result["comparison"]
        print(f"[{db}] p95 Gongkai {cmp['gongkai']['p95_ms']} ms, {cmp['comparator']} "
              f"{cmp[cmp['comparator']]['p95_ms']} ms: Gongkai / best other = {cmp['gongkai_p95_to_best_other']}",
              flush=True)
    (OUT / f"search-{db}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(json.dumps(result, ensure_ascii=False, indent=2))


def _server(db: str) -> dict:
    """The settings a reader needs to reproduce the figures (PostgreSQL: memory settings as configured)."""
    import sqlite3

    from django.db import connection

    if db == "sqlite":
        return {"sqlite": sqlite3.sqlite_version}
    with connection.cursor() as cur:
        cur.execute("SELECT name, setting, unit FROM pg_settings WHERE name IN "
                    "('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size')")
        return {name: f"{value}{' × ' + unit if unit else ''}" for name, value, unit in cur.fetchall()}


def _db_size(db: str) -> int:
    from django.db import connection

    if db == "sqlite":
        return SQLITE_PATH.stat().st_size
    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        return cur.fetchone()[0]
