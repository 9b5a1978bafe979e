"""Wall time of the quick commands, beside the bare interpreter and a bare Django start, in one run.

    python -m bench cli                                  # 15 runs of each, the median and the 90th percentile
    python -m bench cli --runs 30
    python -m bench cli --src before=/tmp/before/src     # another source tree too, alternating run by run

Each command runs as a user runs it (a new process of the installed ``gongkai`` console script) against a
migrated SQLite database of its own, with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` removed: a user's
installation keeps its ``.pyc`` files). The anchors: ``python -c pass`` and ``python -c "import django;
django.setup()"`` with an empty settings module — what any Django command pays before it does anything.
With ``--src`` every command is timed in each tree in turn, run by run, so a machine that others share slows
both alike; the ratio of the medians is the figure to quote. CPU time (user + system of the child) is given
beside the wall time: it moves less than the wall time when the machine is busy.
Target (issue 17): ``workdays add``, ``fees quote`` and ``report check`` under 0.5 s each.
"""

import argparse
import json
import os
import resource
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
    parser.add_argument("--src", action="append", default=[], help="LABEL=PATH of another source tree to time")
    return parser.parse_args(argv)


def _once(cmd: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{cmd}: exit {done.returncode}\n{done.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _summary(samples: list[tuple[float, float]]) -> dict:
    walls = sorted(w for w, _ in samples)
    cpus = sorted(c for _, c in samples)
    return {"median_s": round(statistics.median(walls), 3), "p90_s": round(walls[int(0.9 * (len(walls) - 1))], 3),
            "cpu_median_s": round(statistics.median(cpus), 3)}


def main(argv: list[str]) -> None:
    args = _args(argv)
    python = sys.executable
    gongkai = str(Path(python).parent / "gongkai")
    trees = [("this tree", ROOT / "src"), *((label, Path(path).resolve()) for label, path in
                                            (s.split("=", 1) for s in args.src))]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GONGKAI_DATABASE_URL": f"sqlite:///{tmp}/cli.sqlite3", "GONGKAI_VAR_DIR": tmp,
               "PYTHONPATH": str(ROOT / "src")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([gongkai, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        fixtures = ROOT / "src" / "gongkai" / "reports" / "tests" / "fixtures"
        report, previous = fixtures / "clean-2024.json", fixtures / "previous-2023.json"
        (Path(tmp) / "bare_settings.py").write_text("SECRET_KEY = 'x'\nINSTALLED_APPS = []\n")
        bare = {**env, "PYTHONPATH": tmp, "DJANGO_SETTINGS_MODULE": "bare_settings"}
        anchors = {
            "python -c pass (anchor)": ([python, "-c", "pass"], bare),
            "bare django.setup() (anchor)": ([python, "-c", "import django; django.setup()"], bare),
        }
        commands = {
            "gongkai workdays add 2022-04-25 7": [gongkai, "workdays", "add", "2022-04-25", "7"],
            "gongkai fees quote --pieces 35": [gongkai, "fees", "quote", "--pieces", "35"],
            "gongkai report check report.json --previous last-year.json":
                [gongkai, "report", "check", str(report), "--previous", str(previous)],
        }
        runs = [(name, cmd, e) for name, (cmd, e) in anchors.items()]
        for label, src in trees:
            tree_env = {**env, "PYTHONPATH": str(src)}
            for name, cmd in commands.items():
                runs.append((name if len(trees) == 1 else f"{name} [{label}]", cmd, tree_env))
        for _name, cmd, e in runs:
            _once(cmd, e)        # warm the file cache, write bytecode
        samples: dict[str, list] = {name: [] for name, _c, _e in runs}
        for _ in range(args.runs):
            for name, cmd, e in runs:
                samples[name].append(_once(cmd, e))
    result = {"runs": args.runs, "load_average": os.getloadavg(),
              "commands": {name: _summary(values) for name, values in samples.items()}}
    if len(trees) > 1:
        result["ratios"] = {
            name: round(result["commands"][f"{name} [this tree]"]["median_s"]
                        / result["commands"][f"{name} [{label}]"]["median_s"], 2)
            for name in commands for label, _src in trees[1:]
        }
    print(json.dumps(result, ensure_ascii=False, indent=2))
