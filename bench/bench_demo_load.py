"""Demo load benchmark: ``gongkai demo load`` into a freshly migrated database, timed as a user runs it (its own
process, committed, the search index and the portal's pages written after the commit).

    .venv/bin/python -m bench demo_load [--db sqlite|postgres] [--runs 3] [--src LABEL=PATH ...]

Each run migrates a fresh database (``gongkai migrate``: the anchor, the same work before and after a change)
and then loads the demo into it. The result is the median of the runs and the ratio of the load to the
anchor of the same run, so that a busy machine slows both. ``--src LABEL=PATH`` times another source tree as
well (e.g. the previous commit, ``git archive HEAD src | tar -x -C /tmp/before``), alternating with this one
run by run. Results go to docs/benchmarks/demo.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "benchmarks" / "demo.md"
GONGKAI = [sys.executable, "-c", "from gongkai.config.cli import main; main()"]
PG_URL = os.environ.get("GONGKAI_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/gk_bench_demo")


def _fresh(db: str, folder: Path, pg_url: str) -> str:
    if db == "sqlite":
        path = folder / "demo.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    base, name = pg_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_url


def _timed(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([*GONGKAI, *argv], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench demo_load")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", action="append", default=[], help="LABEL=PATH of another source tree to time")
    parser.add_argument("--pg-url", default=PG_URL)
    args = parser.parse_args(argv)
    trees = [("this tree", ROOT / "src"), *((label, Path(path).resolve()) for label, path in
                                            (s.split("=", 1) for s in args.src))]
    folder = Path(tempfile.mkdtemp(prefix="gk-bench-demo-"))
    base_env = {**os.environ, "GONGKAI_VAR_DIR": str(folder), "GONGKAI_STATIC_ROOT": str(folder / "static"),
                "PYTHONDONTWRITEBYTECODE": "1"}
    # The portal's pages need the collected static files' manifest, as after `make static`.
    static_env = {**base_env, "PYTHONPATH": str(ROOT / "src"),
                  "GONGKAI_DATABASE_URL": f"sqlite:///{folder}/static.sqlite3"}
    subprocess.run([*GONGKAI, "collectstatic", "--noinput", "-v0"], env=static_env, check=True)
    timings: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in trees}
    load_before = os.getloadavg()[0]
    for run in range(args.runs):
        for label, src in trees:
            env = {**base_env, "PYTHONPATH": str(src), "GONGKAI_DATABASE_URL": _fresh(args.db, folder, args.pg_url)}
            anchor = _timed(["migrate", "--noinput", "-v0"], env)
            load = _timed(["demo", "load", "--force"], env)
            timings[label].append((anchor, load))
            print(f"run {run + 1} {label}: migrate {anchor:.1f} s, demo load {load:.1f} s "
                  f"(load average {os.getloadavg()[0]:.1f})", flush=True)
    load_after = os.getloadavg()[0]
    rows = []
    for label, runs in timings.items():
        anchor = statistics.median(a for a, _ in runs)
        load = statistics.median(b for _, b in runs)
        ratio = statistics.median(b / a for a, b in runs)
        rows.append(f"| {label} | {len(runs)} | {anchor:.1f} | {load:.1f} | {ratio:.1f} |")
    command = f"`.venv/bin/python -m bench demo_load --db {args.db} --runs {args.runs}" + "".join(
        f" --src {label}=…" for label, _ in trees[1:]) + "`"
    lines = [
        f"## Demo load — {args.db}", "",
        f"Command: {command}  ",
        f"Machine: {os.cpu_count()} CPU(s); Python {sys.version.split()[0]}; load average {load_before:.1f} before, "
        f"{load_after:.1f} after; {time.strftime('%Y-%m-%d %H:%M %Z')}.", "",
        "| source tree | runs | migrate, median (s, the anchor) | `gongkai demo load`, median (s) | load / migrate, median |",
        "|---|---:|---:|---:|---:|", *rows, "",
        "Target: under 90 s on 2 cores. The load includes what runs after its commit (search indexing, the "
        "portal's list pages).", "",
    ]
    write_section(args.db, lines)
    print("\n".join(lines))


def write_section(db: str, lines: list[str]) -> None:
    """Replace this database's section of docs/benchmarks/demo.md, keeping the other."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Demo benchmarks\n"
    head, *sections = text.split("\n## ")
    kept = [s for s in sections if not s.startswith(f"Demo load — {db}")]
    RESULTS.write_text("\n## ".join([head.rstrip("\n") + "\n", *kept, "\n".join(lines)[3:]]), encoding="utf-8")
