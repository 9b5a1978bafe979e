"""Province-scale benchmark on PostgreSQL (issue 15 §3): a generated province (bench/province.py), then the
figures measured on it.

    nice -n 10 python -m bench province load --items 1000000 --processes 2   # generate (drops and re-creates the database)
    nice -n 10 python -m bench province finish   # after a load stopped part-way: applications and index
    nice -n 10 python -m bench province measure                   # search, report roll-up, sweeps, size, memory
    python -m bench province drop                                 # drop the database when done

The database is GONGKAI_BENCH_PG (default gk_engines_province); results to var/bench/province.json and the
figures quoted in docs/benchmarks.md.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from bench.databases import use_database

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "bench"
PG_URL = os.environ.get("GONGKAI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/gk_engines_province")
RESULTS = OUT / "province.json"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench province")
    parser.add_argument("verb", choices=["load", "finish", "measure", "drop"])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--processes", type=int, default=1, help="load: loaders at once (one per core)")
    parser.add_argument("--only", default="", help="measure: a comma-separated subset of "
                        "size,search,report,web,web_publishing,sweeps")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.verb == "drop":
        import psycopg

        base, name = PG_URL.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        print(f"dropped {name}")
        return
    if args.verb == "measure":
        # The queue (Redis db 11), the collected static files pages need, the static site of the bench; no
        # internet here: the link sweep records the links and asks none of them.
        os.environ.update({"GONGKAI_BROKER_URL": os.environ.get("GONGKAI_BENCH_BROKER", "redis://127.0.0.1:6379/11"),
                           "GONGKAI_QUEUE_NAME": "gk_engines_bench", "GONGKAI_LINK_CHECK": "0",
                           "GONGKAI_STATIC_ROOT": str(OUT / "static"), "GONGKAI_STATIC_SITE_DIR": str(OUT / "province-site")})
        if not (OUT / "static" / "staticfiles.json").exists():
            sys.exit(f"collect the static files first: GONGKAI_STATIC_ROOT={OUT / 'static'} gongkai collectstatic --noinput")
    use_database("postgres", sqlite_path=OUT / "unused.sqlite3", pg_url=PG_URL, fresh=args.verb == "load")
    if args.verb == "load":
        from django.core.management import call_command

        from bench.province import load

        call_command("migrate", verbosity=0)
        loaded = load(args.items, processes=args.processes)
        print(json.dumps(loaded), flush=True)
        _save({"load": loaded})
        return
    if args.verb == "finish":
        from bench.province import finish

        _save({"load": finish()})
        return
    from bench import province_measure

    _save(province_measure.run([p for p in args.only.split(",") if p]))


def _save(part: dict) -> None:
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.update(part)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    json.dump(part, sys.stdout, indent=2, ensure_ascii=False, default=str)
    print()
