"""Portal throughput and static publication, measured in one run so the ratios are visible.

    python -m bench portal                 # SQLite and PostgreSQL, 5,000 items, wrk 10 s per URL, 64 connections
    python -m bench portal --db postgres --items 20000 --seconds 20

Through gunicorn (2 workers of 4 threads, as `make run` serves; --threads 1 for sync workers): an item page and a list page from the app's
page cache (an anonymous visitor, and one carrying a session cookie, whose session is looked up), and rendered
on every request (a second gunicorn started with GONGKAI_PAGE_CACHE=0), beside a minimal Django view rendering
50 rows. Through nginx: a static file (the baseline) and the same item and list pages as published static files.
Also the time from publish/withdraw to the static files being written, and the peak memory (VmHWM) of each
gunicorn worker. Each database runs in its own process. Results: var/bench/portal-<db>.json and
docs/benchmarks/portal.md.
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

from bench.databases import use_database

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(os.environ.get("GONGKAI_BENCH_PORTAL_OUT", ROOT / "var" / "bench" / "portal"))
PG_URL = os.environ.get("GONGKAI_BENCH_PORTAL_PG", "postgresql://postgres@127.0.0.1:5432/gk_bench_portal")
APP_PORT = int(os.environ.get("GONGKAI_BENCH_PORTAL_PORT", "8765"))
NGINX_PORT = int(os.environ.get("GONGKAI_BENCH_PORTAL_NGINX_PORT", "8766"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench portal")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4,
                        help="gunicorn threads per worker (4, as `make run` serves; 1 is the sync worker)")
    return parser.parse_args(argv)


def _env(db: str) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.portal_settings",
        "GONGKAI_DATABASE_URL": f"sqlite:///{OUT / 'portal.sqlite3'}" if db == "sqlite" else PG_URL,
        "GONGKAI_STATIC_SITE_DIR": str(OUT / "site"), "GONGKAI_STATIC_ROOT": str(OUT / "static"),
        "GONGKAI_MEDIA_ROOT": str(OUT / "media"), "GONGKAI_DEBUG": "0", "GONGKAI_HTTPS": "0",
        "GONGKAI_SECRET_KEY": "bench-only-secret-key-" + "x" * 40, "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # The checkout's own sources first: the servers must run this code, not an installed copy.
        "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT),
    })
    return env


def main(argv: list[str]) -> None:
    args = _args(argv)
    if shutil.which("wrk") is None or not Path(NGINX).exists():
        sys.exit("wrk and nginx are needed: scripts/system-deps.sh bench")
    if args.db == "both":
        for db in ("sqlite", "postgres"):
            subprocess.run([sys.executable, "-m", "bench", "portal", "--db", db, "--items", str(args.items),
                            "--seconds", str(args.seconds), "--connections", str(args.connections),
                            "--workers", str(args.workers), "--threads", str(args.threads)], check=True, cwd=ROOT)
        return
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    env = _env(args.db)
    os.environ.update(env)
    use_database(args.db, sqlite_path=OUT / "portal.sqlite3", pg_url=PG_URL, fresh=True)
    from django.core.management import call_command

    from gongkai.core.planner_statistics import refresh_planner_statistics

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    result = {"db": args.db, "items": args.items, "workers": args.workers, "threads": args.threads,
              "connections": args.connections,
              "seconds": args.seconds}
    result.update(_load(args.items))
    refresh_planner_statistics()   # as the minute timer of a deployment would
    result["static_item_pages_seconds"] = _write_item_pages()
    result["publication"] = _publication_latency()
    urls = _urls()
    result["load_average_before"] = os.getloadavg()
    result["rates"] = _serve_and_measure(args, env, urls)
    result["load_average_after"] = os.getloadavg()
    (OUT.parent / f"portal-{args.db}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(json.dumps(result, ensure_ascii=False, indent=2))


def _load(count: int) -> dict:
    from django.db import transaction

    from bench.corpus import generate
    from gongkai.agencies.models import Agency
    from gongkai.catalog.services.importing import write_published_items
    from gongkai.core.actors import System
    from gongkai.core.progress import Progress
    from gongkai.demo.load_agencies import load_step

    load_step()
    departments = list(Agency.objects.filter(parent__code="wsjkq").order_by("pk"))
    rows = []
    progress = Progress(sys.stderr, "生成语料", total=count)
    for item in generate(count, seed=7, on_progress=progress):
        agency = departments[item.agency % len(departments)]
        rows.append({"agency_id": agency.pk, "title": item.title, "summary": item.summary,
                     "body": "".join(f"<p>{p}</p>" for p in item.body.split("。") if p),
                     "doc_number": item.doc_number, "written_on": item.published_on,
                     "published_on": min(item.published_on, dt.date(2026, 1, 1)), "channels": []})
    started = time.perf_counter()
    progress.note(f"写入并发布 {len(rows):,} 条信息（一次事务，其后写入检索索引和静态页面）")
    with transaction.atomic():
        write_published_items(actor=System, rows=rows, action="item.imported", reason="benchmark")
    # The commit ran the receivers: the catalog's search index, the portal's page cache and static pages.
    return {"bulk_publish_seconds": round(time.perf_counter() - started, 1),
            "static_files": sum(1 for _ in (OUT / "site").rglob("*.html"))}


def _write_item_pages() -> float:
    """Bulk publication leaves item pages to the minute timer (300 a tick); run its ticks back to back."""
    from gongkai.portal.static_site import write_missing_item_pages

    started = time.perf_counter()
    while write_missing_item_pages(limit=1000):
        pass
    return round(time.perf_counter() - started, 1)


def _publication_latency() -> dict:
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency
    from gongkai.catalog import services

    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo-")}
    czj = Agency.objects.get(code="wsjkq-czj")
    timings = {}
    for n in range(3):
        item = services.create_item(actor=users["demo-editor"], agency=czj, title=f"基准测试发布的通知{n}",
                                    summary="用于测量静态发布时间。", body="<p>静态发布。</p>")
        services.submit_item(actor=users["demo-editor"], item=item)
        services.review_item(actor=users["demo-reviewer"], item=item)
        services.secrecy_review_item(actor=users["demo-secrecy"], item=item)
        started = time.perf_counter()
        item = services.publish_item(actor=users["demo-publisher"], item=item)
        page = OUT / "site" / item.public_path.strip("/") / "index.html"
        timings.setdefault("publish", []).append(round((time.perf_counter() - started) * 1000) if page.exists()
                                                 else None)
        started = time.perf_counter()
        services.withdraw_item(actor=users["demo-publisher"], item=item, reason="基准测试")
        timings.setdefault("withdraw", []).append(round((time.perf_counter() - started) * 1000) if not page.exists()
                                                  else None)
    return {f"{k}_ms": v for k, v in timings.items()}


def _urls() -> dict:
    from gongkai.catalog.selectors import public_items

    rng = random.Random(5)
    ids = list(public_items().values_list("agency__code", "pk"))
    code, pk = rng.choice(ids)
    return {"item": f"/gk/{code}/items/{pk}/", "list": f"/gk/{code}/catalog/"}


NGINX_CONF = """
{user}
worker_processes 2;
pid {out}/nginx.pid;
error_log {out}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  server {{
    listen 127.0.0.1:{port};
    location /static/ {{ alias {out}/static/; }}
    location / {{
      root {out}/site;
      try_files $uri $uri/index.html @app;
    }}
    location @app {{ proxy_pass http://127.0.0.1:{app_port}; }}
  }}
}}
"""


def _wrk(url: str, args, headers: dict | None = None, seconds: int | None = None) -> float:
    cmd = ["wrk", "-t2", f"-c{args.connections}", f"-d{seconds or args.seconds}s", url]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def _worker_peaks(master_pid: int) -> list[int]:
    peaks = []
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) // 1024)
    return peaks


def _start_gunicorn(args, env) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "gongkai.config.wsgi", "--bind", f"127.0.0.1:{APP_PORT}",
         "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "error"], env=env, cwd=ROOT)


def _stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    process.send_signal(sig)
    process.wait(timeout=30)


def _wait_for(args, *urls: str) -> None:
    """Wait until the servers answer, then warm every worker up (imports, templates, connections) unmeasured."""
    for _ in range(150):
        try:
            for url in urls:
                urlopen(url, timeout=2).read()
            for url in urls:
                _wrk(url, args, seconds=3)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"not answering: {urls}")


def _serve_and_measure(args, env, urls) -> dict:
    conf = OUT / "nginx.conf"
    # Run as root, the workers would be nobody/www-data, who may not read files the settings made private.
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(out=OUT, port=NGINX_PORT, app_port=APP_PORT, user=user))
    app, web = f"http://127.0.0.1:{APP_PORT}", f"http://127.0.0.1:{NGINX_PORT}"
    static_file = "/static/gongkai/site.css"
    session = {"Cookie": "sessionid=benchmark-visitor"}
    nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(OUT), "-g", "daemon off;"])
    gunicorn = _start_gunicorn(args, env)
    try:
        _wait_for(args, app + urls["item"], app + urls["list"], app + "/bench/rows/", web + static_file)
        rates = {
            "nginx static file (baseline)": _wrk(web + static_file, args),
            "gunicorn minimal view, 50 rows (baseline)": _wrk(app + "/bench/rows/", args),
            "gunicorn item page (page cache)": _wrk(app + urls["item"], args),
            "gunicorn list page (page cache)": _wrk(app + urls["list"], args),
            "gunicorn item page (page cache, visitor with a session cookie)": _wrk(app + urls["item"], args, session),
            "gunicorn list page (page cache, visitor with a session cookie)": _wrk(app + urls["list"], args, session),
            "nginx item page (static publication)": _wrk(web + urls["item"], args),
            "nginx list page (static publication)": _wrk(web + urls["list"], args),
        }
        peaks = {"page cache": _worker_peaks(gunicorn.pid)}
        _stop(gunicorn)
        gunicorn = _start_gunicorn(args, {**env, "GONGKAI_PAGE_CACHE": "0"})
        _wait_for(args, app + urls["item"], app + urls["list"])
        rates["gunicorn item page (rendered on every request)"] = _wrk(app + urls["item"], args)
        rates["gunicorn list page (rendered on every request)"] = _wrk(app + urls["list"], args)
        peaks["rendered on every request"] = _worker_peaks(gunicorn.pid)
        return {"urls": urls, "requests_per_second": rates, "worker_peak_mb": peaks}
    finally:
        _stop(gunicorn)
        _stop(nginx, signal.SIGQUIT)
