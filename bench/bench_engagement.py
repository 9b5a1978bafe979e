"""Engagement benchmark: the year's engagement figures (what the annual report reads) and the dashboard's
mailbox charts for a district with a busy mailbox, on SQLite and PostgreSQL; plus loading the 2017 demo.

    python -m bench engagement                            # both databases: 200,000 messages over 4 years
    python -m bench engagement --db sqlite --messages 20000

Targets: ``period_figures`` for one year of the whole district under 1 s; the three mailbox charts of the
dashboard (``views_dashboard_data``: per month, response time, per unit) under 3 s; the demo step under 5 s.
Rows are bulk-inserted (the services' own bulk path, ``import_messages``, is timed separately on the demo).
Results go to docs/benchmarks/engagement.md.
"""

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from bench.databases import use_database

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "bench"
PG_URL = os.environ.get("GONGKAI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/gk_bench_engagement")
SQLITE_PATH = OUT / "engagement.sqlite3"
RESULTS = ROOT / "docs" / "benchmarks" / "engagement.md"
YEARS = (2021, 2022, 2023, 2024)
BATCH = 10_000


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench engagement")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = _args(argv)
    if args.db == "both":
        for db in ("sqlite", "postgres"):
            subprocess.run([sys.executable, "-m", "bench", "engagement", "--db", db, "--messages",
                            str(args.messages), "--repeat", str(args.repeat)], check=True, cwd=ROOT)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    use_database(args.db, sqlite_path=SQLITE_PATH, pg_url=PG_URL, fresh=True)
    run(args)


def _load_messages(district, units, n: int) -> float:
    from django.db import transaction
    from django.utils import timezone

    from gongkai.calendars.official import current_calendar
    from gongkai.engagement.domain.mailbox import Category, Channel, Rating, Status, reply_due_on
    from gongkai.engagement.models import Message

    calendar = current_calendar()
    due_of: dict[dt.date, dt.date] = {}
    rng = random.Random(2024)
    categories, ratings = [c.value for c in Category], [r.value for r in Rating] + ["", ""]
    started = time.perf_counter()
    now = timezone.now()
    for offset in range(0, n, BATCH):
        rows = []
        for i in range(offset, min(offset + BATCH, n)):
            received = dt.date(rng.choice(YEARS), 1, 1) + dt.timedelta(days=rng.randrange(365))
            replied = received + dt.timedelta(days=rng.randrange(0, 12)) if rng.random() < 0.97 else None
            rows.append(Message(
                agency=district, department=rng.choice(units), tracking_code=f"B{i:012d}", token_hash=f"{i:064d}",
                channel=rng.choice((Channel.WEB.value, Channel.PHONE.value)), category=rng.choice(categories),
                status=(Status.REPLIED if replied else Status.ACCEPTED).value, subject="基准来信", body="内容",
                received_at=now, received_on=received,
                reply_due_on=due_of.get(received) or due_of.setdefault(received, reply_due_on(received, calendar)),
                accepted_on=received, reply="答复" if replied else "", replied_at=now if replied else None,
                replied_on=replied, closed_on=replied, rating=rng.choice(ratings) if replied else "",
            ))
        with transaction.atomic():
            Message.objects.bulk_create(rows, batch_size=2000)
    return time.perf_counter() - started


def _timed(fn, repeat: int) -> tuple[float, float, object]:
    """(first run, best run, result): the first run is cold (no cached working-day counts)."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times[0], min(times), result


def run(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from gongkai.agencies.models import Agency
    from gongkai.backoffice.views_dashboard_data import mailbox_monthly, mailbox_response_time, mailbox_units
    from gongkai.demo.load_agencies import load_step as load_agencies
    from gongkai.demo.load_engagement import load_step as load_engagement
    from gongkai.engagement.selectors import period_figures

    load_agencies()
    started = time.perf_counter()
    load_engagement()
    demo_s = time.perf_counter() - started
    district = Agency.objects.get(code="wsjkq")
    units = list(district.children.all())
    load_s = _load_messages(district, units, args.messages)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ids = list(Agency.objects.filter(path__startswith=district.path).values_list("pk", flat=True))
    year = YEARS[-1]
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    _cold, figures_s, figures = _timed(lambda: period_figures(agency_ids=ids, start=start, end=end), args.repeat)
    cold_s, charts_s, _charts = _timed(lambda: [build(ids, year) for build in (
        mailbox_monthly, mailbox_response_time, mailbox_units)], args.repeat)
    row = (f"| {connection.vendor} | {args.messages:,} | {figures.mailbox_received:,} | {figures_s:.2f} | "
           f"{'yes' if figures_s < 1 else 'NO'} | {cold_s:.2f} / {charts_s:.2f} | "
           f"{'yes' if cold_s < 3 else 'NO'} | {demo_s:.2f} | {load_s:.1f} |")
    print(row)
    _record(row)


def _record(row: str) -> None:
    header = """# Benchmark: engagement figures and dashboard

A district with N mailbox and hotline messages spread over 2021–2024 (bulk-inserted), plus the 2017 demo.
Timed: `engagement.selectors.period_figures` for 2024 over the whole district (best of 3; target < 1 s);
the dashboard's three mailbox charts for 2024 (`views_dashboard_data.mailbox_monthly`,
`mailbox_response_time`, `mailbox_units`; first run, cold / best of 3; target < 3 s cold); once: the demo
step `demo.load_engagement` (target < 5 s).

Reproduce: `.venv/bin/python -m bench engagement` (both databases). Machine: 2 cores, shared with other work.

| database | messages | in 2024 | figures s | < 1 s | charts s cold / best | < 3 s | demo step s | bulk load s |
|---|---|---|---|---|---|---|---|---|
"""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else header
    RESULTS.write_text(text.rstrip("\n") + "\n" + row + "\n", encoding="utf-8")
