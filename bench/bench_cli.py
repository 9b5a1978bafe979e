"""Wall time of the quick commands, beside the bare interpreter and a bare Django start, in one run.

    python -m bench cli                 # 15 runs of each, the median and the 90th percentile
    python -m bench cli --runs 30

Each command runs as a user runs it (a new process of the installed ``gongkai`` console script) against a
migrated SQLite database of its own. The anchors: ``python -c pass`` and ``python -c "import django;
django.setup()"`` with an empty settings module — what any Django command pays before it does anything.
Target (issue 17): ``workdays add``, ``fees quote`` and ``report check`` under 0.5 s each.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench cli")
    parser.add_argument("--runs", type=int, default=15)
    return parser.parse_args(argv)


def _time(cmd: list[str], env: dict, runs: int) -> dict:
    subprocess.run(cmd, env=env, capture_output=True, cwd=ROOT)     # warm the file cache, write bytecode
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, cwd=ROOT)
        walls.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{cmd}: exit {done.returncode}\n{done.stderr.decode()[-2000:]}")
    walls.sort()
    return {"median_s": round(statistics.median(walls), 3), "p90_s": round(walls[int(0.9 * (len(walls) - 1))], 3)}


def main(argv: list[str]) -> None:
    args = _args(argv)
    python = sys.executable
    gongkai = str(Path(python).parent / "gongkai")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GONGKAI_DATABASE_URL": f"sqlite:///{tmp}/cli.sqlite3", "GONGKAI_VAR_DIR": tmp,
               "PYTHONPATH": str(ROOT / "src")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([gongkai, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        fixtures = ROOT / "src" / "gongkai" / "reports" / "tests" / "fixtures"
        report, previous = fixtures / "clean-2024.json", fixtures / "previous-2023.json"
        (Path(tmp) / "bare_settings.py").write_text("SECRET_KEY = 'x'\nINSTALLED_APPS = []\n")
        bare = {**env, "PYTHONPATH": tmp, "DJANGO_SETTINGS_MODULE": "bare_settings"}
        rows = {
            "python -c pass (anchor)": _time([python, "-c", "pass"], env, args.runs),
            "bare django.setup() (anchor)": _time([python, "-c", "import django; django.setup()"], bare, args.runs),
            "gongkai workdays add 2022-04-25 7": _time([gongkai, "workdays", "add", "2022-04-25", "7"], env, args.runs),
            "gongkai fees quote --pieces 35": _time([gongkai, "fees", "quote", "--pieces", "35"], env, args.runs),
        }
        rows["gongkai report check report.json --previous last-year.json"] = _time(
            [gongkai, "report", "check", str(report), "--previous", str(previous)], env, args.runs)
    result = {"runs": args.runs, "load_average": os.getloadavg(), "commands": rows}
    print(json.dumps(result, ensure_ascii=False, indent=2))
