"""Timed work is single-flight and once-only (issue 11, point 13), against real databases and real processes:
a fresh file SQLite database (WAL, IMMEDIATE transactions, busy timeout), or a fresh PostgreSQL database next to
the test database when GONGKAI_DATABASE_URL is PostgreSQL."""

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from gongkai.core.models import JobLease, JobMark
from gongkai.core.single_flight import _lease_row_lock, single_flight
from gongkai.core.timed import SKIPPED, claim_once, register_timed_job, run_job
from tests.engines_services import need_redis, redis_cache_settings
from tests.fresh_database import prepared_database_url, prepared_template

ROOT = Path(__file__).resolve().parents[1]
WORKER = ROOT / "tests" / "jobs_worker.py"
DUE = 4
RUNS = 6


def _env(database_url: str, folder: Path) -> dict:
    return {**os.environ, "GONGKAI_DATABASE_URL": database_url, "GONGKAI_VAR_DIR": str(folder),
            "GONGKAI_STATIC_SITE_DIR": str(folder / "site"), "GONGKAI_LINK_CHECK": "0", "GONGKAI_DEBUG": "1",
            "GONGKAI_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}


_SET_UP_IN = Path(tempfile.mkdtemp(prefix="gk-jobs-setup-"))
atexit.register(shutil.rmtree, _SET_UP_IN, True)


def _set_up(database_url: str) -> None:
    """The records every test here starts from, made once per test process by the product itself."""
    run(_env(database_url, _SET_UP_IN), str(WORKER), "setup", str(DUE))


@pytest.fixture
def env(tmp_path):
    template = prepared_template("jobs", _set_up)
    # The keys the records were written with (the applicants' personal data is encrypted with one of them).
    for key in ("secret_key", "personal_data_key", "applicant_index_key"):
        if (_SET_UP_IN / key).exists():
            shutil.copyfile(_SET_UP_IN / key, tmp_path / key)
    with prepared_database_url(tmp_path, "gk_jobs", template) as url:
        yield _env(url, tmp_path)


def run(env, *args, background=False):
    cmd = [sys.executable, *args]
    if background:
        return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def finish(process) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-3000:]
    assert "database is locked" not in err
    return out


def test_six_concurrent_reminder_runs_send_each_reminder_once(env):
    # Half go through the job's lock, half call the service bare: the once-only marks hold without the lock.
    start = time.time() + 4  # every process is imported and connected before the first one starts
    runs = [run(env, str(WORKER), "remind" if n % 2 else "bare", str(start), background=True) for n in range(RUNS)]
    outcomes = [finish(p).strip() for p in runs]
    assert sum(int(o) for o in outcomes if o.isdigit()) == DUE
    assert all(o.isdigit() or o == SKIPPED for o in outcomes)
    rows = json.loads(run(env, str(WORKER), "check"))
    assert rows["events"] == DUE and rows["marks"] == DUE
    assert len(rows["outbox"]) == DUE and len(set(rows["outbox"])) == DUE
    # The next minute's run finds nothing left to do.
    assert run(env, str(WORKER), "remind", "0").strip() == "0"


def test_a_run_that_finds_the_job_running_skips_and_says_so(env):
    holder = run(env, str(WORKER), "hold", "30", background=True)
    assert holder.stdout.readline().strip() == "held"
    assert run(env, str(WORKER), "remind", "0").strip() == SKIPPED
    tick = subprocess.run([sys.executable, "-m", "gongkai.config.cli", "tick"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert tick.returncode == 0, tick.stderr[-3000:]
    assert "cases.remind_handlers: 跳过：另一次运行尚未结束" in tick.stdout.splitlines()
    holder.kill()
    holder.communicate()
    if env["GONGKAI_DATABASE_URL"].startswith("postgres"):
        # An advisory lock dies with its holder's connection: a killed run blocks nothing.
        assert run(env, str(WORKER), "remind", "0").strip() == str(DUE)


def test_timer_and_static_publication_succeed_while_another_process_writes(env, tmp_path):
    stop = tmp_path / "stop-writing"
    writer = run(env, str(WORKER), "write", str(stop), background=True)
    time.sleep(1)
    for _ in range(2):
        tick = subprocess.run([sys.executable, "-m", "gongkai.config.cli", "tick"], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        assert tick.returncode == 0, tick.stdout + tick.stderr[-3000:]
        assert "database is locked" not in tick.stdout + tick.stderr
        publish = subprocess.run([sys.executable, "-m", "gongkai.config.cli", "portal", "publish"], env=env,
                                 cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert publish.returncode == 0, publish.stderr[-3000:]
        assert "database is locked" not in publish.stderr
    assert writer.poll() is None, "the writer stopped before the timer and the publication were done"
    stop.touch()
    assert int(finish(writer)) > 0
    site = Path(env["GONGKAI_STATIC_SITE_DIR"])
    assert len(list(site.glob("gk/*/items/*/index.html"))) == 5


@pytest.mark.django_db
def test_static_publication_does_not_write_to_the_database(personas, settings, tmp_path):
    from gongkai.portal import static_site
    from gongkai.search import page_views
    from tests.catalog_helpers import published

    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    for n in range(3):
        published(personas, title=f"静态发布不写数据库的第{n}份通知")
    # The batched page-view flush (search/page_views.py) has its own rule; start a fresh minute of it.
    page_views.take_pending()
    writes = []

    def watch(execute, sql, params, many, context):
        if sql.lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE", "REPLACE"}:
            writes.append(sql[:200])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        written = static_site.publish_all()
    assert written >= 3 + 2
    assert writes == []


def test_sqlite_writers_queue_for_the_lock_instead_of_failing(tmp_path):
    from gongkai.config.database_url import parse_database_url

    options = parse_database_url("sqlite:///var/gongkai.sqlite3", base_dir=tmp_path)["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.django_db
def test_claim_once_is_true_once_per_key():
    assert claim_once("test.job", "application:1:due:2024-03-08") is True
    assert claim_once("test.job", "application:1:due:2024-03-08") is False
    assert claim_once("test.job", "application:1:due:2024-03-15") is True
    assert claim_once("test.other", "application:1:due:2024-03-08") is True
    assert JobMark.objects.count() == 3


@pytest.mark.django_db
def test_a_lease_row_blocks_a_second_holder_until_it_expires():
    with _lease_row_lock("test.job", 60) as first:
        with _lease_row_lock("test.job", 60) as second:
            assert (first, second) == (True, False)
    assert not JobLease.objects.exists()
    # A holder that died leaves its lease; once expired, the next run takes the job.
    now = timezone.now()
    JobLease.objects.create(name="test.job", holder="dead:1", acquired_at=now - timedelta(minutes=20),
                            expires_at=now - timedelta(minutes=5))
    with _lease_row_lock("test.job", 60) as taken:
        assert taken is True
    JobLease.objects.create(name="test.job", holder="alive:2", acquired_at=now, expires_at=now + timedelta(minutes=5))
    with _lease_row_lock("test.job", 60) as taken:
        assert taken is False
    assert JobLease.objects.get().holder == "alive:2"


@pytest.mark.django_db
def test_the_shared_cache_lock_uses_redis_add(settings):
    settings.GONGKAI_JOB_LOCK = "cache"
    settings.CACHES = redis_cache_settings(need_redis())
    from django.core.cache import cache

    cache.delete("gongkai:job-lock:test.job")
    with single_flight("test.job") as first:
        with single_flight("test.job") as second:
            assert (first, second) == (True, False)
    with single_flight("test.job") as again:
        assert again is True
    assert cache.get("gongkai:job-lock:test.job") is None


def test_a_per_process_cache_is_refused_as_a_job_lock(settings):
    settings.GONGKAI_JOB_LOCK = "cache"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with pytest.raises(ImproperlyConfigured, match="shared by every process"):
        with single_flight("test.job"):
            pass


@pytest.mark.django_db
def test_run_job_reports_a_failure_and_the_lock_is_released():
    calls = []

    @register_timed_job("test.failing")
    def failing() -> int:
        calls.append(1)
        raise RuntimeError("boom")

    assert run_job("test.failing") == "error: boom"
    assert run_job("test.failing") == "error: boom"
    assert len(calls) == 2
    from gongkai.core import timed

    del timed._JOBS["test.failing"]
