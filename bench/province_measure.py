"""The figures of the province benchmark (``python -m bench province measure``), on the loaded province.

- search: p95 of the query set (bench/corpus.py) over the whole province and within one city's site, and
  substring recall on a sample of queries against an exact scan (a sequential scan of the normalised text,
  indexes off);
- report: the province's 2021-format report rolled up from every agency for one year (gather + snapshot);
- sweeps: the link-check sweep of every item and the static republication of one city, with 1 and 2 queue
  workers (Celery, Redis broker, one process each), per million items;
- size: the database and its largest tables, per million items;
- web_publishing: cached pages of 20 county portals with 30 publications a minute on 20 others, against the
  same reads without publications;
- memory: the resident size of each worker process and of this process.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUEUE = "gk_engines_bench"
BROKER = os.environ.get("GONGKAI_BENCH_BROKER", "redis://127.0.0.1:6379/11")
YEAR = 2024
RECALL_SAMPLE = 24
REPUBLISH_SECONDS = 90


def run(parts: list[str]) -> dict:
    parts = parts or ["size", "search", "report", "web", "web_publishing", "sweeps"]
    out: dict = {"load_average": os.getloadavg()}
    for part in parts:
        print(f"== {part}", file=sys.stderr, flush=True)
        out[part] = globals()[f"_{part}"]()
        print(out[part], file=sys.stderr, flush=True)
    out["memory_this_process_mb"] = _rss_mb(os.getpid())
    return out


def _items() -> int:
    from gongkai.catalog.models import Item

    return Item.objects.count()


def _percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _city():
    from gongkai.agencies.models import Agency

    return Agency.objects.get(code="c0")


def _search() -> dict:
    from django.db import connection

    from bench.corpus import generate, queries
    from gongkai.search import selectors
    from gongkai.search.domain.analysis import parse_query

    query_set = queries(list(generate(5000)))
    city = _city()
    timings = {"province": [], "city": []}
    slowest = []
    for scope, agency in (("province", None), ("city", city)):
        for _ in range(2):
            for kind, query in query_set:
                started = time.perf_counter()
                selectors.search(query, agency=agency)
                timings[scope].append((time.perf_counter() - started) * 1000)
                slowest.append((round(timings[scope][-1], 1), scope, kind, query))
    slowest.sort(reverse=True)
    # Recall on a sample: every match of the exact scan must be among the backend's (all of them, no limit).
    from gongkai.search.backends import Filters, backend_for

    backend = backend_for(connection)
    sample = query_set[::max(1, len(query_set) // RECALL_SAMPLE)][:RECALL_SAMPLE]
    found = reference = 0
    misses = []
    for _kind, query in sample:
        words = parse_query(query).words
        with connection.cursor() as cur:
            cur.execute("SET enable_bitmapscan = off")
            cur.execute("SET enable_indexscan = off")
            where = " AND ".join(["strpos(text_norm, %s) > 0"] * len(words))
            cur.execute(f"SELECT sort_key FROM search_pg WHERE {where}", words)
            exact = {row[0] for row in cur.fetchall()}
            cur.execute("RESET enable_bitmapscan")
            cur.execute("RESET enable_indexscan")
        answer = set(backend.page(words, Filters(), title_only=None, before=None, limit=10**8))
        found += len(exact & answer)
        reference += len(exact)
        if exact - answer:
            misses.append(query)
    return {"queries": len(query_set), "province_p95_ms": round(_percentile(timings["province"], 95), 1),
            "province_median_ms": round(statistics.median(timings["province"]), 1),
            "city_p95_ms": round(_percentile(timings["city"], 95), 1),
            "city_median_ms": round(statistics.median(timings["city"]), 1),
            "recall_sample": len(sample), "recall": found / reference if reference else 1.0,
            "recall_found": found, "recall_reference": reference, "queries_with_misses": misses,
            "slowest": slowest[:15]}


def _report() -> dict:
    from gongkai.agencies.models import Agency
    from gongkai.reports.domain.forms import ReportForm
    from gongkai.reports.services import compute_snapshot, resolve_scope

    province = Agency.objects.get(code="prov")
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        scope = resolve_scope(province, ["*"])
        snapshot = compute_snapshot(agency=province, scope=scope, year=YEAR, form=ReportForm.F2021)
        timings.append(time.perf_counter() - started)
    return {"agencies": len(scope), "seconds": [round(t, 2) for t in timings],
            "applications_in_year": snapshot["facts"].get("applications")}


def _worker_env() -> dict:
    env = {**os.environ, "GONGKAI_BROKER_URL": BROKER, "GONGKAI_QUEUE_NAME": QUEUE,
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    return env


def _workers(count: int, logs: Path):
    procs = []
    for n in range(count):
        log = open(logs / f"worker-{n}.log", "w")
        procs.append((subprocess.Popen(
            ["nice", "-n", "10", sys.executable, "-m", "celery", "-A", "gongkai.config.celery", "worker",
             "--concurrency", "1", "-Q", QUEUE, "-n", f"bench{n}@%h", "--without-mingle", "--without-gossip",
             "--loglevel", "warning"], env=_worker_env(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True), log))
    return procs


def _stop(procs) -> None:
    import signal

    for proc, _log in procs:
        os.killpg(proc.pid, signal.SIGTERM)
    for proc, log in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def _children_rss(proc) -> list[float]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(proc.pid)], capture_output=True, text=True).stdout
    return [_rss_mb(proc.pid)] + [_rss_mb(int(p)) for p in out.split()]


def _timed_sweep(name: str, argument: str, workers: int, *, limit_seconds: float | None) -> dict:
    from gongkai.core import queue, sweeps
    from gongkai.core.models import SweepRun

    logs = ROOT / "var" / "bench" / "province-workers"
    logs.mkdir(parents=True, exist_ok=True)
    queue.app.control.purge()
    procs = _workers(workers, logs)
    try:
        time.sleep(12)   # the workers start (Django set-up) before the clock does
        run = sweeps.start(name, argument=argument, queue=True)
        started = time.perf_counter()
        memory: list[float] = []
        while True:
            time.sleep(2)
            done = sweeps.progress(run)[0]
            memory = max(memory, [m for p, _ in procs for m in _children_rss(p)], key=sum)
            elapsed = time.perf_counter() - started
            if done == len(run.chunks) or (limit_seconds and elapsed >= limit_seconds):
                break
        run = SweepRun.objects.get(pk=run.pk)
        queue.app.control.purge()
    finally:
        _stop(procs)
    return {"workers": workers, "chunks": len(run.chunks), "chunks_done": done, "seconds": round(elapsed, 1),
            "finished": run.finished_at is not None, "worker_rss_mb": memory}


def _sweeps() -> dict:
    from django.conf import settings

    from gongkai.catalog.models import Item
    from gongkai.core.models import JobMark

    items = _items()
    city = _city()
    city_items = Item.objects.filter(status="published", agency__path__startswith=city.path).count()
    out = {"items": items, "city_items": city_items, "link_check": settings.GONGKAI_LINK_CHECK}
    for workers in (1, 2):
        JobMark.objects.filter(job__startswith="sweep:").delete()
        links = _timed_sweep("catalog.link_sweep", "", workers, limit_seconds=None)
        links["seconds_per_million"] = round(links["seconds"] * 1e6 / items, 1)
        out[f"links_{workers}"] = links
        pages = _timed_sweep("portal.republish", city.code, workers, limit_seconds=REPUBLISH_SECONDS)
        written = pages["chunks_done"] * 500
        pages["pages_per_second"] = round(written / pages["seconds"], 1) if pages["seconds"] else 0
        pages["seconds_per_million"] = round(1e6 / pages["pages_per_second"], 0) if pages["pages_per_second"] else None
        out[f"republish_{workers}"] = pages
    return out


def _size() -> dict:
    from django.db import connection

    items = _items()
    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        total = cur.fetchone()[0]
        cur.execute("""SELECT coalesce(p.relname, c.relname) AS t, sum(pg_total_relation_size(c.oid))
                       FROM pg_class c LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
                       LEFT JOIN pg_class p ON p.oid = i.inhparent
                       WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace
                       GROUP BY 1 ORDER BY 2 DESC LIMIT 8""")
        tables = {name: round(size / 2**20) for name, size in cur.fetchall()}
    return {"items": items, "database_mb": round(total / 2**20), "mb_per_million_items": round(total / 2**20 * 1e6 / items),
            "largest_tables_mb": tables}


def _web() -> dict:
    """gunicorn with 2 workers on the province (Redis cache), wrk on a city's pages: each page's req/s once
    cached, and the workers' memory afterwards."""
    import re
    import signal
    import urllib.request

    from django.urls import reverse

    from gongkai.catalog.models import Item

    port = int(os.environ.get("GONGKAI_BENCH_PORT", "8260"))
    city = _city()
    item = Item.objects.filter(agency__path__startswith=city.path, status="published").order_by("-pk").first()
    pages = {"item": reverse("portal:item", kwargs={"code": item.agency.code, "pk": item.pk}),
             "city_catalog": reverse("portal:catalog", kwargs={"code": city.code}),
             "city_site": reverse("portal:site", kwargs={"code": city.code}),
             "search_province": "/search/?q=" + urllib.request.quote("安全生产")}
    env = {**os.environ, "GONGKAI_REDIS_URL": "redis://127.0.0.1:6379/11", "GONGKAI_CACHE_KEY_PREFIX": "gk_province",
           "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost", "GONGKAI_HTTPS": "0",
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    log = open(ROOT / "var" / "bench" / "province-gunicorn.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "gongkai.config.wsgi", "--bind", f"127.0.0.1:{port}",
                               "--workers", "2", "--log-level", "warning"], env=env, cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    out = {}
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(1)
        for name, path in pages.items():
            url = f"http://127.0.0.1:{port}{path}"
            first = time.perf_counter()
            with urllib.request.urlopen(url, timeout=60) as response:
                status, cache = response.status, response.headers.get("X-Page-Cache", "")
            cold = time.perf_counter() - first
            result = subprocess.run(["wrk", "-t2", "-c16", "-d8s", url], capture_output=True, text=True).stdout
            rate = re.search(r"Requests/sec:\s+([\d.]+)", result)
            out[name] = {"path": path, "status": status, "first_cache": cache, "first_seconds": round(cold, 3),
                         "req_per_s": float(rate.group(1)) if rate else None}
        out["gunicorn_rss_mb"] = _children_rss(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    return out


PUBLISHING_SITES = 20       # county portals a publisher adds to: k0 … k19
READING_SITES = 20          # county portals whose cached pages wrk reads: k20 … k39
PUBLISH_SECONDS = 60
PUBLISH_ROUNDS = 2


def _web_publishing() -> dict:
    """Cached pages with 30 publications a minute across the province: gunicorn with 2 workers (Redis cache),
    wrk reading the home, catalogue, statutory and five item pages of 20 county portals, while a publisher
    makes 30 publications a minute on 20 others through the catalog's workflow (the cluster benchmark's
    publisher and reading script, bench/bench_cluster_cache.py). Each round runs wrk without publications
    (the anchor) and then with them; the page cache's hits are counted from every response."""
    import argparse
    import signal
    import statistics

    from django.contrib.auth import get_user_model

    from bench import bench_cluster_cache as cluster
    from gongkai.agencies.models import Agency
    from gongkai.agencies.services import grant_role, update_agency
    from gongkai.core.actors import System
    from gongkai.demo.codes import demo_org_code

    port = int(os.environ.get("GONGKAI_BENCH_PORT", "8261"))
    out_dir = ROOT / "var" / "bench" / "province-publishing"
    out_dir.mkdir(parents=True, exist_ok=True)
    publishing = list(Agency.objects.filter(code__in=[f"k{n}" for n in range(PUBLISHING_SITES)]))
    reading = [f"k{n}" for n in range(PUBLISHING_SITES, PUBLISHING_SITES + READING_SITES)]
    user, _created = get_user_model().objects.get_or_create(username="bench-publisher")
    for n, agency in enumerate(publishing):
        if not agency.index_org_code:   # an index number needs the agency's code; the generator gives none
            update_agency(actor=System, agency=agency, org_code=demo_org_code(9000 + n), reason="benchmark")
        for role in ("editor", "reviewer", "secrecy_reviewer", "publisher"):
            grant_role(actor=System, user=user, agency=agency, role=role)
    codes = out_dir / "publishing.json"
    codes.write_text(json.dumps([a.code for a in publishing]))
    paths = cluster._read_paths(reading)
    script = out_dir / "read.lua"
    script.write_text(cluster.LUA.replace("{PATHS}", ", ".join(f'"{p}"' for p in paths)))
    env = {**os.environ, "GONGKAI_REDIS_URL": "redis://127.0.0.1:6379/11", "GONGKAI_CACHE_KEY_PREFIX": "gk_province",
           "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost", "GONGKAI_HTTPS": "0", "GONGKAI_STATIC_PUBLISH": "batched",
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    log = open(out_dir / "gunicorn.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "gongkai.config.wsgi", "--bind", f"127.0.0.1:{port}",
                               "--workers", "2", "--log-level", "warning"], env=env, cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    cluster.APP_PORT = port
    wrk_args = argparse.Namespace(connections=32)
    rounds = []
    try:
        cluster._wait(paths)
        cluster._wrk(wrk_args, script, 5)   # every page into the cache, unmeasured
        for n in range(PUBLISH_ROUNDS):
            go = out_dir / f"go-{n}"
            go.unlink(missing_ok=True)
            publisher = subprocess.Popen(
                [sys.executable, "-m", "bench", "cluster_cache", "--publish", "--db", "postgres", "--cache", "redis",
                 "--seconds", str(PUBLISH_SECONDS), "--per-minute", "30", "--go", str(go), "--codes", str(codes)],
                env={**env, "DJANGO_SETTINGS_MODULE": "bench.portal_settings"}, cwd=ROOT, stdout=subprocess.PIPE,
                text=True)
            time.sleep(5)
            anchor = cluster._wrk(wrk_args, script, PUBLISH_SECONDS)
            go.touch()
            loaded = cluster._wrk(wrk_args, script, PUBLISH_SECONDS)
            printed = publisher.communicate(timeout=PUBLISH_SECONDS + 180)[0].strip()
            if publisher.returncode or not printed:
                raise RuntimeError(f"the publisher failed (exit {publisher.returncode}): see its traceback above")
            loaded["publications"] = int(printed.splitlines()[-1])
            rounds.append({"without_publications": anchor, "with_publications": loaded,
                           "hit_ratio": round(loaded["hit_rate"] / max(anchor["hit_rate"], 1e-9), 3),
                           "rps_ratio": round(loaded["requests_per_second"] / anchor["requests_per_second"], 3)})
        rss = _children_rss(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    return {"read_paths": len(paths), "seconds": PUBLISH_SECONDS, "rounds": rounds,
            "with_publications_req_per_s": statistics.median(r["with_publications"]["requests_per_second"]
                                                             for r in rounds),
            "median_hit_ratio_vs_anchor": statistics.median(r["hit_ratio"] for r in rounds),
            "median_rps_ratio_vs_anchor": statistics.median(r["rps_ratio"] for r in rounds),
            "gunicorn_rss_mb": rss}


def _sweeps_again() -> dict:
    """The same sweeps again, in the other order (2 workers first, the rows warm in the cache for both), the
    republication counted in chunks of 50 pages (GONGKAI_SWEEP_CHUNK) over 60 s."""
    from django.test import override_settings

    from gongkai.core.models import JobMark

    items = _items()
    city = _city()
    out = {}
    for workers in (2, 1):
        JobMark.objects.filter(job__startswith="sweep:").delete()
        links = _timed_sweep("catalog.link_sweep", "", workers, limit_seconds=None)
        links["seconds_per_million"] = round(links["seconds"] * 1e6 / items, 1)
        out[f"links_{workers}"] = links
        with override_settings(GONGKAI_SWEEP_CHUNK=50):
            pages = _timed_sweep("portal.republish", city.code, workers, limit_seconds=60)
        pages["pages_per_second"] = round(pages["chunks_done"] * 50 / pages["seconds"], 1)
        pages["seconds_per_million"] = round(1e6 / pages["pages_per_second"]) if pages["pages_per_second"] else None
        out[f"republish_{workers}"] = pages
    return out
