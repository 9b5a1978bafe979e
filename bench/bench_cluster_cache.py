"""The page cache of a site cluster under publications (issue: site cluster §5).

    python -m bench cluster_cache                       # PostgreSQL + Redis, 40 sites, 4,000 items, 3 rounds of 2 x 30 s
    python -m bench cluster_cache --db sqlite --cache files --seconds 30

40 sites of the demo district: 20 publish (30 publications a minute, spread over them, through the catalog's
own workflow in a process of its own, which also runs the minute tick's static jobs as a queue worker would;
static publication batched, GONGKAI_STATIC_PUBLISH=batched), while wrk reads cached pages of the other 20
(home, catalog, statutory and five item pages each, chosen at random on each request) through gunicorn
(2 workers). The same wrk run is made without publications (the anchor), then with them, in three rounds; a run counts
the page cache's hits and misses from the ``X-Page-Cache`` header of every response. The target: with
publications at least 90 % of the anchor's hits and requests per second (medians of the rounds' ratios).
Results: var/bench/cluster-cache-<db>-<cache>.json.
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

from bench.databases import use_database

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "bench" / "cluster-cache"
PG_URL = os.environ.get("GONGKAI_BENCH_CLUSTER_PG", "postgresql://postgres@127.0.0.1:5432/gk_engines_bench")
REDIS_URL = os.environ.get("GONGKAI_BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
APP_PORT = int(os.environ.get("GONGKAI_BENCH_CLUSTER_PORT", "8180"))
SITES = 40

LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  hits = 0; misses = 0
  paths = {PATHS}
  math.randomseed(os.time() + #paths)
end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status, headers, body)
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 else misses = misses + 1 end
end
function done(summary, latency, requests)
  local h, m = 0, 0
  for _, t in ipairs(threads) do h = h + t:get("hits"); m = m + t:get("misses") end
  io.write(string.format("PAGECACHE %d %d\\n", h, m))
end
"""


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench cluster_cache")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--cache", choices=["redis", "files"], default="redis",
                        help="generations in Redis (production) or in files with a per-process cache (embedded)")
    parser.add_argument("--items", type=int, default=4000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--per-minute", type=int, default=30)
    parser.add_argument("--publish", action="store_true", help=argparse.SUPPRESS)   # the publishing process
    parser.add_argument("--go", help=argparse.SUPPRESS)
    parser.add_argument("--codes", help=argparse.SUPPRESS)   # the publisher's sites (default: this run's)
    return parser.parse_args(argv)


def _env(args) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.portal_settings",
        "GONGKAI_DATABASE_URL": f"sqlite:///{OUT / 'cluster.sqlite3'}" if args.db == "sqlite" else PG_URL,
        "GONGKAI_STATIC_SITE_DIR": str(OUT / "site"), "GONGKAI_STATIC_ROOT": str(OUT / "static"),
        "GONGKAI_MEDIA_ROOT": str(OUT / "media"), "GONGKAI_DEBUG": "0", "GONGKAI_HTTPS": "0",
        "GONGKAI_SECRET_KEY": "bench-only-secret-key-" + "x" * 40, "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Cluster scale: a publication removes the static copies it changed, the tick writes them again per site.
        "GONGKAI_STATIC_PUBLISH": "batched",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",   # this checkout, not an installed copy
    })
    if args.cache == "redis":
        env["GONGKAI_REDIS_URL"] = REDIS_URL
        env["GONGKAI_CACHE_KEY_PREFIX"] = "gk_engines_bench"
    return env


def main(argv: list[str]) -> None:
    args = _args(argv)
    if args.publish:
        return _publish_loop(args)
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: scripts/system-deps.sh bench")
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    env = _env(args)
    os.environ.update(env)
    use_database(args.db, sqlite_path=OUT / "cluster.sqlite3", pg_url=PG_URL, fresh=True)
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    publishing, reading = _load(args.items)
    (OUT / "publishing.json").write_text(json.dumps(publishing))
    backlog = _write_static_backlog()
    print(f"static pages of the load written before the rounds: {backlog}", flush=True)
    paths = _read_paths(reading)
    script = OUT / "read.lua"
    script.write_text(LUA.replace("{PATHS}", ", ".join(f'"{p}"' for p in paths)))
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "gongkai.config.wsgi", "--bind", f"127.0.0.1:{APP_PORT}",
         "--workers", "2", "--log-level", "error"], env=env, cwd=ROOT)
    try:
        _wait(paths)
        _wrk(args, script, 5)   # warm every page into the cache, unmeasured
        # Rounds of (without, with) back to back: the machine's other load drifts, a pair shares it.
        pairs = []
        for n in range(args.rounds):
            # The publisher starts (imports, Django, the word list) before the anchor and waits for the go file:
            # its start-up is not part of either run.
            go = OUT / f"go-{n}"
            publisher = subprocess.Popen([sys.executable, "-m", "bench", "cluster_cache", "--publish", "--db", args.db,
                                          "--cache", args.cache, "--seconds", str(args.seconds),
                                          "--per-minute", str(args.per_minute), "--go", str(go)], env=env, cwd=ROOT,
                                         stdout=subprocess.PIPE, text=True)
            time.sleep(5)
            anchor = _wrk(args, script, args.seconds)
            go.touch()
            loaded = _wrk(args, script, args.seconds)
            out = publisher.communicate(timeout=args.seconds + 120)[0].strip() or "0"
            loaded["publications"] = int(out.splitlines()[-1])
            pairs.append({"without_publications": anchor, "with_publications": loaded,
                          "hit_ratio": round(loaded["hit_rate"] / max(anchor["hit_rate"], 1e-9), 3),
                          "rps_ratio": round(loaded["requests_per_second"] / anchor["requests_per_second"], 3)})
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    result = {
        "db": args.db, "cache": args.cache, "sites": SITES, "items": args.items, "seconds": args.seconds,
        "rounds": args.rounds, "connections": args.connections, "publications_per_minute": args.per_minute,
        "read_paths": len(paths), "load_average_after": os.getloadavg(), "pairs": pairs,
        "median_hit_ratio_vs_anchor": statistics.median(p["hit_ratio"] for p in pairs),
        "median_rps_ratio_vs_anchor": statistics.median(p["rps_ratio"] for p in pairs),
    }
    (OUT.parent / f"cluster-cache-{args.db}-{args.cache}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


def _write_static_backlog() -> int:
    """The static pages the load left to the timer (GONGKAI_STATIC_PUBLISH=batched), all written now: otherwise
    the publisher's minute tick writes 300 of the load's pages in a round with publications (about 6 s of CPU)
    and the round measures the load's backlog, not the publications."""
    from gongkai.portal import static_site

    written = 0
    while True:
        step = static_site.write_missing_site_pages(limit=10_000) + static_site.write_missing_item_pages(limit=10_000)
        written += step
        if not step:
            return written


def _load(count: int) -> tuple[list[str], list[str]]:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from bench.corpus import generate
    from gongkai.agencies.models import Agency
    from gongkai.agencies.services import grant_role
    from gongkai.catalog.services.importing import write_published_items
    from gongkai.core.actors import System
    from gongkai.core.progress import Progress
    from gongkai.demo.load_agencies import load_step

    load_step()
    sites = list(Agency.objects.filter(parent__code="wsjkq").order_by("pk"))[:SITES]
    rows = []
    progress = Progress(sys.stderr, "生成语料", total=count)
    for item in generate(count, seed=11, on_progress=progress):
        agency = sites[item.agency % len(sites)]
        rows.append({"agency_id": agency.pk, "title": item.title, "summary": item.summary,
                     "body": "".join(f"<p>{p}</p>" for p in item.body.split("。") if p),
                     "doc_number": item.doc_number, "written_on": item.published_on,
                     "published_on": min(item.published_on, dt.date(2026, 1, 1)), "channels": []})
    progress.note(f"写入并发布 {len(rows):,} 条信息（一次事务，其后写入检索索引和静态页面）")
    with transaction.atomic():
        write_published_items(actor=System, rows=rows, action="item.imported", reason="benchmark")
    publishing, reading = sites[: SITES // 2], sites[SITES // 2:]
    user = get_user_model().objects.create_user(username="bench-publisher", password="bench-only-password-x")
    for agency in publishing:
        for role in ("editor", "reviewer", "secrecy_reviewer", "publisher"):
            grant_role(actor=System, user=user, agency=agency, role=role)
    return [a.code for a in publishing], [a.code for a in reading]


def _read_paths(codes: list[str]) -> list[str]:
    from gongkai.catalog.selectors import public_items

    rng = random.Random(5)
    paths = []
    for code in codes:
        paths += [f"/gk/{code}/", f"/gk/{code}/catalog/", f"/gk/{code}/statutory/"]
        ids = list(public_items().filter(agency__code=code).values_list("pk", flat=True))
        paths += [f"/gk/{code}/items/{pk}/" for pk in rng.sample(ids, min(5, len(ids)))]
    return paths


def _wait(paths: list[str]) -> None:
    for _ in range(200):
        try:
            urlopen(f"http://127.0.0.1:{APP_PORT}{paths[0]}", timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn does not answer")


def _wrk(args, script: Path, seconds: int) -> dict:
    out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{seconds}s", "-s", str(script),
                          f"http://127.0.0.1:{APP_PORT}/"], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{errors.group(1)} error responses\n{out}")
    hits, misses = map(int, re.search(r"PAGECACHE (\d+) (\d+)", out).groups())
    return {"requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "hits": hits, "misses": misses, "hit_rate": round(hits / max(hits + misses, 1), 4)}


def _publish_loop(args) -> None:
    """The publishing process: ``per_minute`` publications a minute for ``seconds``, round the publishing sites,
    through create → submit → review → secrecy review → publish (which invalidates and writes static pages)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.portal_settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency
    from gongkai.catalog import services
    from gongkai.core.timed import run_job

    user = get_user_model().objects.get(username="bench-publisher")
    codes = json.loads(Path(args.codes or OUT / "publishing.json").read_text())
    agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    from gongkai.search.domain.analysis import segments

    segments("预热分词词典")   # the word list is loaded before the run, as a long-lived worker has it

    while args.go and not Path(args.go).exists():
        time.sleep(0.05)
    interval = 60.0 / args.per_minute
    started, n, ticks = time.monotonic(), 0, 0
    while time.monotonic() - started < args.seconds:
        if time.monotonic() - started >= min(30, args.seconds / 2) + 60 * ticks:   # a worker's minute tick
            run_job("portal.static_site_pages")
            run_job("portal.static_item_pages")
            ticks += 1
        agency = agencies[codes[n % len(codes)]]
        item = services.create_item(actor=user, agency=agency, title=f"集群基准测试发布的通知{n}",
                                    summary="测量发布对页面缓存的影响。", body="<p>发布。</p>")
        services.submit_item(actor=user, item=item)
        services.review_item(actor=user, item=item)
        services.secrecy_review_item(actor=user, item=item)
        services.publish_item(actor=user, item=item)
        n += 1
        time.sleep(max(0.0, started + n * interval - time.monotonic()))
    print(n)
