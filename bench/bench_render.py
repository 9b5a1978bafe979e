"""CPU per portal page rendered fresh, in one process, beside the minimal Django view of 50 rows.

    python -m bench render                    # SQLite, the demo, 300 requests of each page
    python -m bench render --db postgres
    python -m bench render --reuse            # the database of the last run again
    python -m bench render --profile item     # and a pyinstrument profile of one page kind

The page cache is off (GONGKAI_PAGE_CACHE=0): every request renders. The pages are requested through Django's
test client in this process, interleaved kind by kind (minimal view, item, catalog list, site home, search), so
each kind sees the same machine; a different item, agency or query on each request. The figure is the CPU time
of the request (``time.process_time``), which moves less with the machine's load than wall time, and the
number of SQL queries of one request of each kind. Results: var/bench/render-<db>.json and docs/benchmarks.md.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from bench.databases import use_database

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "bench" / "render"
PG_URL = os.environ.get("GONGKAI_BENCH_RENDER_PG", "postgresql://postgres@127.0.0.1:5432/gk_bench_render")


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench render")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=300, help="requests of each page kind")
    parser.add_argument("--reuse", action="store_true", help="the database of the previous run again")
    parser.add_argument("--profile", choices=["item", "catalog", "site", "search"], default=None)
    return parser.parse_args(argv)


def _env(db: str, out: Path) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "bench.portal_settings",
        "GONGKAI_DATABASE_URL": f"sqlite:///{out / 'render.sqlite3'}" if db == "sqlite" else PG_URL,
        "GONGKAI_STATIC_SITE_DIR": str(out / "site"), "GONGKAI_STATIC_ROOT": str(out / "static"),
        "GONGKAI_MEDIA_ROOT": str(out / "media"), "GONGKAI_DEBUG": "0", "GONGKAI_HTTPS": "0",
        "GONGKAI_SECRET_KEY": "bench-only-secret-key-" + "r" * 40,
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "GONGKAI_PAGE_CACHE": "0",
        "GONGKAI_STATIC_PUBLISH": "batched",
        "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT),
    }


def _prepare(db: str, env: dict, out: Path) -> float:
    """A fresh database with the demo, by the product's own commands in child processes."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if db == "postgres":
        import psycopg

        base, name = PG_URL.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    gongkai = [sys.executable, "-m", "gongkai.config.cli"]
    started = time.perf_counter()
    full = {**os.environ, **env}
    subprocess.run([*gongkai, "migrate", "-v0"], env=full, check=True, cwd=ROOT)
    subprocess.run([*gongkai, "collectstatic", "--noinput", "-v0"], env=full, check=True, cwd=ROOT)
    subprocess.run([*gongkai, "demo", "load", "--force"], env=full, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return round(time.perf_counter() - started, 1)


def _urls(rng: random.Random) -> dict[str, list[str]]:
    from gongkai.agencies.selectors import public_agencies
    from gongkai.catalog.selectors import public_items

    items = list(public_items().select_related(None).values_list("agency__code", "pk")[:3000])
    codes = sorted({code for code, _ in items})
    words = [line.split("\t", 1)[1].strip() for line in (ROOT / "bench" / "search_queries.tsv").read_text(
        encoding="utf-8").splitlines() if "\t" in line]
    all_codes = list(public_agencies().values_list("code", flat=True))
    rng.shuffle(items)
    return {
        "minimal view, 50 rows": ["/bench/rows/"],
        "item page": [f"/gk/{code}/items/{pk}/" for code, pk in items[:500]],
        "catalog list": [f"/gk/{code}/catalog/" + (f"?page={rng.randint(1, 3)}" if n % 2 else "")
                         for n, code in enumerate(codes)],
        "site home": [f"/gk/{code}/" for code in all_codes],
        "search page": [f"/search/?q={quote(word)}" for word in words if word],
    }


def _measure(client, urls: dict[str, list[str]], requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kinds = list(urls)
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
    queries, sizes = {}, {}
    for kind in kinds:   # one unmeasured round: every template compiled, every process-level cache filled
        for url in urls[kind][:20]:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(urls[kind][-1])
        queries[kind] = len(captured.captured_queries)
        sizes[kind] = len(response.content)
    for n in range(requests):
        for kind in kinds:
            url = urls[kind][n % len(urls[kind])]
            started = time.process_time()
            response = client.get(url)
            cpu[kind].append(time.process_time() - started)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
    minimal = statistics.median(cpu[kinds[0]])
    return {kind: {"cpu_ms_median": round(statistics.median(values) * 1000, 2),
                   "cpu_ms_mean": round(statistics.fmean(values) * 1000, 2),
                   "minimal_view_over_this": round(minimal / statistics.median(values), 2),
                   "queries": queries[kind], "bytes": sizes[kind]}
            for kind, values in cpu.items()}


def main(argv: list[str]) -> None:
    args = _args(argv)
    out = OUT.with_name(f"render-{args.db}")
    env = _env(args.db, out)
    result = {"db": args.db, "requests_each": args.requests}
    if not args.reuse or not (out.exists()):
        result["load_seconds"] = _prepare(args.db, env, out)
    os.environ.update(env)
    use_database(args.db, sqlite_path=out / "render.sqlite3", pg_url=PG_URL, fresh=False)
    from django.test import Client

    client = Client()
    urls = _urls(random.Random(17))
    result["load_average_before"] = os.getloadavg()
    result["pages"] = _measure(client, urls, args.requests)
    result["load_average_after"] = os.getloadavg()
    (out.parent / f"render-{args.db}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.profile:
        _profile(client, urls, args.profile)


def _profile(client, urls, which: str) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("--profile needs pyinstrument: .venv/bin/pip install pyinstrument")
    kind = {"item": "item page", "catalog": "catalog list", "site": "site home", "search": "search page"}[which]
    profiler = Profiler(interval=0.0002)
    with profiler:
        for url in urls[kind] * 2:
            client.get(url)
    print(profiler.output_text(unicode=True, color=False, show_all=False))
