"""Publishing 400 items from 4 concurrent OS processes, started at the same instant, gives 400 distinct 索引号,
gap-free per agency and year. Runs against a fresh database of the kind under test: a PostgreSQL database next to the test database
when GONGKAI_DATABASE_URL is PostgreSQL, otherwise a file SQLite database (WAL, IMMEDIATE transactions)."""

import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from tests.fresh_database import migrated_database_url

ROOT = Path(__file__).resolve().parents[1]
WORKER = ROOT / "tests" / "catalog_concurrency_worker.py"
ITEMS = 400
PROCESSES = 4


@pytest.fixture
def database_url(tmp_path):
    with migrated_database_url(tmp_path, "gk_concurrency") as url:
        yield url


def run(env, *args, background=False):
    cmd = [sys.executable, *args]
    if background:
        return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_concurrent_publication_gives_distinct_gap_free_index_numbers(database_url, tmp_path):
    # The pages are left to the timer (batched): what is tested is the numbering, not the static copy.
    env = {**os.environ, "GONGKAI_DATABASE_URL": database_url, "GONGKAI_VAR_DIR": str(tmp_path),
           "GONGKAI_STATIC_PUBLISH": "batched",
           "PYTHONPATH": str(ROOT)}
    run(env, str(WORKER), "setup", str(ITEMS))
    # Every process is imported and connected before the first publication: all four contend from the start.
    start = time.time() + 4
    workers = [run(env, str(WORKER), "publish", str(k), str(PROCESSES), str(start), background=True)
               for k in range(PROCESSES)]
    for worker in workers:
        _out, err = worker.communicate(timeout=900)
        assert worker.returncode == 0, err[-3000:]
    rows = json.loads(run(env, str(WORKER), "check"))
    assert len(rows) == ITEMS and {status for *_, status in rows} == {"published"}
    numbers = [number for _, number, _, _ in rows]
    assert len(set(numbers)) == ITEMS
    serials = defaultdict(list)
    for agency, number, serial, _ in rows:
        assert number.endswith(f"/2024-{serial:05d}")
        serials[agency].append(serial)
    assert {a: sorted(s) for a, s in serials.items()} == {
        "gov": list(range(1, ITEMS // 2 + 1)), "dept": list(range(1, ITEMS // 2 + 1))
    }
