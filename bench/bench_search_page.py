"""The portal's search page under load, beside the minimal Django view of 50 rows, in one run.

    python -m bench search_page                        # SQLite, the demo, 50 connections, 15 s per URL
    python -m bench search_page --db postgres --corpus 100000
    python -m bench search_page --reuse                # serve the database of the last run again

Through gunicorn (2 workers, as `make run` serves): `/search/?q=…` with a different query on every request,
taken in turn from bench/search_queries.tsv (225 queries of one to eight characters, words and phrases), so
no two consecutive requests are alike; the search page is never in the page cache. Then, while wrk saturates
the search page, a second wrk reads a cached item page and reports its latency (isolation). wrk's Lua hooks
give the p50/p95/p99 of each run. The first server runs without the search concurrency limit
(GONGKAI_SEARCH_SLOTS=0: what the page itself can serve); a second one with the limit (ADR 0069; --slots, by
default the product's default) measures the search page again (answered, and refused with 503) and the cached
page beside saturated search. Results: var/bench/search_page-<db>.json and docs/benchmarks.md.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

from bench.databases import use_database

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "bench" / "search_page"
PG_URL = os.environ.get("GONGKAI_BENCH_SEARCH_PAGE_PG", "postgresql://postgres@127.0.0.1:5432/gk_bench_search_page")
PORT = int(os.environ.get("GONGKAI_BENCH_SEARCH_PAGE_PORT", "8767"))
NGINX_PORT = int(os.environ.get("GONGKAI_BENCH_SEARCH_PAGE_NGINX_PORT", "8768"))

LUA = r"""
local counter = 0
function setup(thread)
  thread:set("offset", counter * 97)
  counter = counter + 1
end
function init(args)
  paths = {}
  for line in io.lines("QUERIES") do paths[#paths + 1] = line end
  n = 0
end
function request()
  n = n + 1
  return wrk.format("GET", paths[((n + offset) % #paths) + 1])
end
function done(summary, latency, requests)
  io.write(string.format("PCTL %d %d %d %d\n", latency:percentile(50), latency:percentile(95),
                         latency:percentile(99), summary.requests))
end
"""

PLAIN_LUA = r"""
function done(summary, latency, requests)
  io.write(string.format("PCTL %d %d %d %d\n", latency:percentile(50), latency:percentile(95),
                         latency:percentile(99), summary.requests))
end
"""


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench search_page")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--corpus", default="demo", help="demo (the product's demo) or a number of generated items")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4,
                        help="gunicorn threads per worker (4, as `make run` serves; 1 is the sync worker)")
    parser.add_argument("--reuse", action="store_true", help="serve the database of the previous run again")
    parser.add_argument("--no-nginx", action="store_true", help="skip the run with nginx in front")
    parser.add_argument("--slots", type=int, default=None,
                        help="GONGKAI_SEARCH_SLOTS of the second server (default: the product's default)")
    parser.add_argument("--wait-ms", type=int, default=None,
                        help="GONGKAI_SEARCH_WAIT_MS of the second server (default: the product's default)")
    return parser.parse_args(argv)


def _env(db: str) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.portal_settings",
        "GONGKAI_DATABASE_URL": f"sqlite:///{OUT / 'search_page.sqlite3'}" if db == "sqlite" else PG_URL,
        "GONGKAI_STATIC_SITE_DIR": str(OUT / "site"), "GONGKAI_STATIC_ROOT": str(OUT / "static"),
        "GONGKAI_MEDIA_ROOT": str(OUT / "media"), "GONGKAI_DEBUG": "0", "GONGKAI_HTTPS": "0",
        "GONGKAI_SECRET_KEY": "bench-only-secret-key-" + "y" * 40, "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GONGKAI_SEARCH_SLOTS_DIR": str(OUT / "search-slots"),
        "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT),
    })
    return env


def main(argv: list[str]) -> None:
    global OUT
    args = _args(argv)
    if args.db == "postgres":   # a directory of its own: a fresh run of one database keeps the other's
        OUT = OUT.with_name("search_page-postgres")
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: scripts/system-deps.sh bench")
    env = _env(args.db)
    os.environ.update(env)
    result = {"db": args.db, "corpus": args.corpus, "workers": args.workers, "threads": args.threads,
              "connections": args.connections,
              "seconds": args.seconds}
    if not args.reuse:
        if OUT.exists():
            shutil.rmtree(OUT)
        OUT.mkdir(parents=True)
        result["load_seconds"] = _prepare(args, env)
    queries = _query_paths()
    result["queries"] = len(queries)
    result["load_average_before"] = os.getloadavg()
    result["runs"] = _serve_and_measure(args, env, queries)
    result["load_average_after"] = os.getloadavg()
    runs = result["runs"]
    result["search_to_minimal_view"] = round(runs["search page"]["rps"] / runs["minimal view, 50 rows"]["rps"], 2)
    result["cached_page_p99_beside_search_ms"] = {
        "without the limit": runs["item page (page cache) while search is saturated"]["p99_ms"],
        "with the limit": runs["with the limit: item page (page cache) while search is saturated"]["p99_ms"]}
    (OUT.parent / f"search_page-{args.db}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(json.dumps(result, ensure_ascii=False, indent=2))


def _prepare(args, env) -> float:
    """Migrate, collect static files and load the corpus in child processes (the product's own commands)."""
    use_database(args.db, sqlite_path=OUT / "search_page.sqlite3", pg_url=PG_URL, fresh=True)
    gongkai = [sys.executable, "-m", "gongkai.config.cli"]
    started = time.perf_counter()
    subprocess.run([*gongkai, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*gongkai, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    if args.corpus == "demo":
        subprocess.run([*gongkai, "demo", "load", "--force"], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    else:
        code = ("import django; django.setup(); from bench.bench_portal import _load; "
                f"print(_load({int(args.corpus)}))")
        subprocess.run([sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "bench.portal_settings"},
                       check=True, cwd=ROOT)
    return round(time.perf_counter() - started, 1)


def _query_paths() -> list[str]:
    words = [line.split("\t", 1)[1].strip() for line in (ROOT / "bench" / "search_queries.tsv").read_text(
        encoding="utf-8").splitlines() if "\t" in line]
    return [f"/search/?q={quote(word)}" for word in words if word]


def _wrk(url: str, args, *, script: str, seconds: int | None = None) -> dict:
    cmd = ["wrk", "-t2", f"-c{args.connections}", f"-d{seconds or args.seconds}s", "--timeout", "10s",
           "-s", script, url]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p50, p95, p99, requests = (int(v) for v in re.search(r"PCTL (\d+) (\d+) (\d+) (\d+)", out).groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    refused = int(errors.group(1)) if errors else 0
    return {"rps": rps, "p50_ms": round(p50 / 1000, 1), "p95_ms": round(p95 / 1000, 1), "p99_ms": round(p99 / 1000, 1),
            "requests": requests, "errors": refused,
            "answered_rps": round(rps * (requests - refused) / requests, 2) if requests else 0.0}


def _gunicorn(args, env) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "gongkai.config.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "error", "-c", "python:gongkai.config.gunicorn",
         "--access-logfile", str(OUT / "access.log")],
        env=env, cwd=ROOT)


def _serve_and_measure(args, env, queries) -> dict:
    base = f"http://127.0.0.1:{PORT}"
    with tempfile.TemporaryDirectory() as tmp:
        paths = Path(tmp) / "paths.txt"
        paths.write_text("\n".join(queries) + "\n", encoding="utf-8")
        varied = Path(tmp) / "varied.lua"
        varied.write_text(LUA.replace("QUERIES", str(paths)))
        plain = Path(tmp) / "plain.lua"
        plain.write_text(PLAIN_LUA)
        gunicorn = _gunicorn(args, {**env, "GONGKAI_SEARCH_SLOTS": "0"})
        try:
            item = _wait_and_pick_item(base)
            for url in (base + queries[0], base + "/bench/rows/", base + item):
                _wrk(url, args, script=str(plain), seconds=2)      # warm every worker up, unmeasured
            runs = {
                "minimal view, 50 rows": _wrk(base + "/bench/rows/", args, script=str(plain)),
                "search page": _wrk(base + "/", args, script=str(varied)),
                "item page (page cache)": _wrk(base + item, args, script=str(plain)),
            }
            runs["item page (page cache) while search is saturated"] = _beside_saturated_search(
                args, base, item, str(varied), str(plain))
            if not args.no_nginx:
                runs.update(_through_nginx(args, env, base, item, str(varied), str(plain)))
        finally:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=30)
        limited = dict(env)
        if args.slots is not None:
            limited["GONGKAI_SEARCH_SLOTS"] = str(args.slots)
        else:
            limited.pop("GONGKAI_SEARCH_SLOTS", None)
        if args.wait_ms is not None:
            limited["GONGKAI_SEARCH_WAIT_MS"] = str(args.wait_ms)
        gunicorn = _gunicorn(args, limited)
        try:
            _wait_and_pick_item(base)
            _wrk(base + item, args, script=str(plain), seconds=2)
            runs["with the limit: search page"] = _wrk(base + "/", args, script=str(varied))
            runs["with the limit: item page (page cache) while search is saturated"] = _beside_saturated_search(
                args, base, item, str(varied), str(plain))
        finally:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=30)
    return runs


def _through_nginx(args, env, app_base, item, varied, plain) -> dict:
    """As deployed (docs/nginx-gongkai-site.conf): nginx in front, the published static copy of a page first,
    the application behind it. The item's static page is written by the product's publisher, then the search is
    saturated through nginx while a second wrk reads the item page from nginx."""
    from bench.bench_portal import NGINX, NGINX_CONF

    write = ("import django; django.setup(); from gongkai.portal import static_site; "
             f"print(static_site.write_path({item!r}))")
    subprocess.run([sys.executable, "-c", write], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    page = OUT / "site" / item.strip("/") / "index.html"
    if not page.exists():
        raise RuntimeError(f"the publisher wrote no static page for {item}")
    conf = OUT / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(out=OUT, port=NGINX_PORT, app_port=PORT, user=user))
    nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(OUT), "-g", "daemon off;"])
    web = f"http://127.0.0.1:{NGINX_PORT}"
    try:
        for _ in range(100):
            try:
                urlopen(web + item, timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        _wrk(web + item, args, script=plain, seconds=2)
        return {
            "through nginx: search page": _wrk(web + "/", args, script=varied),
            "through nginx: item page (static publication) while search is saturated": _beside_saturated_search(
                args, web, item, varied, plain),
        }
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(timeout=30)


def _beside_saturated_search(args, base, item, varied, plain) -> dict:
    load = subprocess.Popen(["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds + 4}s", "--timeout", "10s",
                             "-s", varied, base + "/"], stdout=subprocess.DEVNULL)
    try:
        time.sleep(2)
        light = argparse.Namespace(connections=4, seconds=args.seconds)
        return _wrk(base + item, light, script=plain)
    finally:
        load.wait(timeout=60)


def _wait_and_pick_item(base: str) -> str:
    for _ in range(300):
        try:
            html = urlopen(base + "/search/?q=%E9%80%9A%E7%9F%A5", timeout=5).read().decode()
            match = re.search(r'href="(/gk/[^"]+/items/[^"]+/)"', html)
            if match:
                return match.group(1)
            raise RuntimeError("the search page lists no item: is the corpus loaded?")
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"not answering: {base}")
