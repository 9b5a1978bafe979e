"""Annual-report statistics benchmark: the 2021-format statistics of one agency with 100,000 applications
and 1,000,000 published items, on SQLite and PostgreSQL (target: under 5 s).

    python -m bench report_stats                              # both databases, full size
    python -m bench report_stats --db sqlite --applications 10000 --items 100000
    python -m bench report_stats --db postgres --reuse        # keep the loaded rows, time again

Rows are bulk-inserted into the cases and catalog tables (applications with their decisions, items with
their channels); the timed part is exactly what generating a report does: ``reports.sources.gather`` (the
cases, catalog and engagement report selectors) and ``build_snapshot`` (the pure counting, reconciliation
and drill-down ids). Results go to docs/benchmarks/reports.md.
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
PG_URL = os.environ.get("GONGKAI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/gk_bench_reports")
SQLITE_PATH = OUT / "reports.sqlite3"
RESULTS = ROOT / "docs" / "benchmarks" / "reports.md"
YEAR = 2024
BATCH = 10_000


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench report_stats")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded database")
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = _args(argv)
    if args.db == "both":
        for db in ("sqlite", "postgres"):
            cmd = [sys.executable, "-m", "bench", "report_stats", "--db", db, "--applications",
                   str(args.applications), "--items", str(args.items), "--repeat", str(args.repeat)]
            subprocess.run(cmd + (["--reuse"] if args.reuse else []), check=True, cwd=ROOT)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    use_database(args.db, sqlite_path=SQLITE_PATH, pg_url=PG_URL, fresh=not args.reuse)
    run(args)


def _agency():
    from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
    from gongkai.agencies.services import create_agency
    from gongkai.core.actors import System

    return Agency.objects.filter(code="bench-gov").first() or create_agency(
        actor=System, kind=AgencyKind.GOVERNMENT, level=AgencyLevel.COUNTY, code="bench-gov", name="基准测试区人民政府")


def load(agency, applications: int, items: int) -> float:
    from django.db import transaction
    from django.utils import timezone

    from gongkai.cases.domain.applicants import ApplicantType
    from gongkai.cases.domain.results import Result
    from gongkai.cases.models import Application, Decision
    from gongkai.catalog.models import Item, ItemChannel
    from gongkai.core.progress import Progress

    rng = random.Random(2024)
    started = time.perf_counter()
    progress = Progress(sys.stderr, "生成申请和信息", total=applications + items)
    now = timezone.now()
    types, results = list(ApplicantType), [r for r in Result if r != Result.PARTIAL]
    first = dt.date(YEAR - 1, 1, 1)
    for offset in range(0, applications, BATCH):
        apps, decisions = [], []
        with transaction.atomic():
            for n in range(offset, min(offset + BATCH, applications)):
                received = first + dt.timedelta(days=rng.randrange(730))
                apps.append(Application(
                    agency=agency, tracking_code=f"B{n:09d}", state="decided", channel="online",
                    applicant_type=rng.choice(types).value, applicant_name="申请人", id_type="passport",
                    id_number=f"P{n}", applicant_key=f"k{n % 5000}", description="基准测试申请",
                    provision_form="electronic", delivery="email", arrived_on=received, submitted_at=now,
                    received_on=received,
                ))
            created = Application.objects.bulk_create(apps, batch_size=2000)
            for app in created:
                if rng.random() < 0.92:
                    decisions.append(Decision(application_id=app.pk, result=rng.choice(results).value,
                                              decided_on=app.received_on + dt.timedelta(days=rng.randrange(1, 40))))
            Decision.objects.bulk_create(decisions, batch_size=2000)
        progress(min(offset + BATCH, applications))
    channels = ["portal", "weibo", "weixin", "upper_portal"]
    for offset in range(0, items, BATCH):
        with transaction.atomic():
            rows = []
            for n in range(offset, min(offset + BATCH, items)):
                published = first + dt.timedelta(days=rng.randrange(730))
                normative = "normative" if n % 500 == 0 else ""
                rows.append(Item(agency=agency, title=f"基准信息{n}", status="published", published_on=published,
                                 published_at=now, written_on=published, normative_kind=normative,
                                 index_number=f"BENCH/{published.year}-{n:07d}", index_period=str(published.year),
                                 index_serial=n + 1))
            created = Item.objects.bulk_create(rows, batch_size=2000)
            ItemChannel.objects.bulk_create(
                [ItemChannel(item_id=i.pk, channel=rng.choice(channels), sent_on=i.published_on) for i in created],
                batch_size=2000)
        progress(applications + min(offset + BATCH, items))
    # Fresh statistics, as PostgreSQL's autovacuum (and SQLite's PRAGMA optimize) keep them in production.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def run(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from gongkai.cases.models import Application
    from gongkai.catalog.models import Item
    from gongkai.reports.domain.forms import ReportForm
    from gongkai.reports.domain.snapshot import build_snapshot
    from gongkai.reports.sources import gather

    if not args.reuse:
        call_command("migrate", verbosity=0)
    agency = _agency()
    if Application.objects.filter(agency=agency).count() != args.applications or \
            Item.objects.filter(agency=agency).count() != args.items:
        load_seconds = load(agency, args.applications, args.items)
        print(f"loaded {args.applications} applications and {args.items} items in {load_seconds:.1f} s")
    timings = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        inputs = gather(agency=agency, scope=[agency], year=YEAR, form=ReportForm.F2021)
        t1 = time.perf_counter()
        snapshot = build_snapshot(inputs)
        t2 = time.perf_counter()
        timings.append((t1 - t0, t2 - t1, t2 - t0))
        errors = [f for f in snapshot["findings"] if f["level"] == "error"]
        assert not errors, errors
    best = min(timings, key=lambda t: t[2])
    vendor = connection.vendor
    breakdown = _breakdown(agency)
    print("read, per selector: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in breakdown))
    facts = snapshot["facts"]
    load_avg = os.getloadavg()[0]
    slowest = ", ".join(f"{name} {seconds:.1f}" for name, seconds in sorted(breakdown, key=lambda b: -b[1])[:3])
    line = (f"| {vendor} | {args.applications:,} | {args.items:,} | {facts['applications']:,} | "
            f"{best[0]:.2f} | {best[1]:.2f} | **{best[2]:.2f}** | {'yes' if best[2] < 5 else 'NO'} | {slowest} | "
            f"{load_avg:.1f} |")
    print(line)
    _record(vendor, line, args)


def _breakdown(agency) -> list[tuple[str, float]]:
    """Seconds spent in each selector ``gather`` calls, to show where the time goes."""
    from gongkai.cases.selectors import report_appeals, report_applications
    from gongkai.catalog.selectors import item_counts, normative_facts, published_count
    from gongkai.engagement.selectors import period_figures

    ids, start, end = [agency.pk], dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    calls = [
        ("report_applications", lambda: report_applications(agency_ids=ids, year=YEAR)),
        ("report_appeals", lambda: report_appeals(agency_ids=ids, year=YEAR)),
        ("normative_facts", lambda: normative_facts(agency_ids=ids, until=end)),
        ("published_count", lambda: published_count(agency_ids=ids, start=start, end=end)),
        ("item_counts(channel)", lambda: item_counts(agency_ids=ids, start=start, end=end, by="channel")),
        ("item_counts(agency)", lambda: item_counts(agency_ids=ids, start=start, end=end, by="agency")),
        ("period_figures", lambda: period_figures(agency_ids=ids, start=start, end=end)),
    ]
    result = []
    for name, call in calls:
        started = time.perf_counter()
        call()
        result.append((name, time.perf_counter() - started))
    return result


def _record(vendor: str, line: str, args) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    header = [
        "# Benchmark: annual-report statistics",
        "",
        "Building the 2021-format statistics (tables 二, 三, 四 with drill-down ids, reconciliation, the counted",
        "figures of the narrative) for one agency holding 100,000 applications and 1,000,000 published items.",
        "Target: under 5 s on SQLite and on PostgreSQL. Best of `--repeat` runs; \"read\" is `reports.sources.gather`",
        "(the cases/catalog/engagement report selectors), \"count\" is the pure `build_snapshot`.",
        "",
        "Reproduce: `.venv/bin/python -m bench report_stats` (both databases; add `--reuse` to time again",
        "without reloading). Machine: 2 cores, shared with other work.",
        "",
        "| database | applications | items | facts in year | read s | count s | total s | < 5 s | slowest selectors (s) | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows, notes = {}, []
    if RESULTS.exists():
        text = RESULTS.read_text(encoding="utf-8")
        if "\n## Notes" in text:
            notes = ["", "## Notes" + text.split("\n## Notes", 1)[1].rstrip("\n")]
        for existing in text.split("\n## Notes", 1)[0].splitlines():
            if existing.startswith("| sqlite") or existing.startswith("| postgresql"):
                rows[existing.split("|")[1].strip()] = existing
    rows[vendor] = line
    RESULTS.write_text("\n".join(header + [rows[k] for k in sorted(rows)] + notes) + "\n", encoding="utf-8")
