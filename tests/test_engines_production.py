"""Production mode for real (issue: beyond one machine §2): app processes, Celery workers and beats in separate OS
processes on one PostgreSQL database, with Redis, RabbitMQ, an SMTP sink and the streaming replica on
127.0.0.1. Nothing is mocked. Each test skips with the reason when a service is missing, and fails instead
when CI=true (scripts/test.sh starts the replica then). About 70 s for the file on the CI machine.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.engines_services import (
    PRIMARY_URL,
    REDIS_BROKER_URL,
    need_postgres,
    need_rabbitmq,
    need_redis,
    need_replica,
    production_tests_enabled,
)

pytestmark = pytest.mark.production
ROOT = Path(__file__).resolve().parents[1]
WORKER = [sys.executable, str(ROOT / "tests" / "engines_worker.py")]
CELERY = [sys.executable, "-m", "celery", "-A", "tests.engines_worker"]
PORTS = iter(range(8181, 8190))
REPLICA_LOCK = 7_300_515   # the advisory lock on the primary that keeps one test run at a time on the replica


@pytest.fixture(autouse=True)
def _in_the_production_block():
    production_tests_enabled()


def _port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _base_env(tmp_path: Path, db_url: str) -> dict:
    tag = uuid.uuid4().hex[:8]
    env = {**os.environ, "GONGKAI_DATABASE_URL": db_url, "GONGKAI_VAR_DIR": str(tmp_path / "var"),
           "GONGKAI_STATIC_SITE_DIR": str(tmp_path / "site"), "GONGKAI_SECRET_KEY": "t" * 50,
           "GONGKAI_DEBUG": "1", "GONGKAI_HTTPS": "0", "GONGKAI_LINK_CHECK": "0",
           "GONGKAI_CACHE_KEY_PREFIX": f"gk_engines_test_{tag}", "GONGKAI_QUEUE_NAME": f"gk_engines_test_{tag}",
           "GONGKAI_TEST_PROBE_FILE": str(tmp_path / "probe.log"), "GONGKAI_LOG_LEVEL": "INFO",
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    for name in ("GONGKAI_REDIS_URL", "GONGKAI_BROKER_URL", "GONGKAI_REPLICA_DATABASE_URL"):
        env.pop(name, None)
    return env


def _admin(url: str):
    import psycopg

    return psycopg.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    """Migrated once, with the personas and one published item; every test copies it (CREATE DATABASE …
    TEMPLATE), which takes a second where migrating takes most of a minute."""
    production_tests_enabled()
    url = need_postgres()
    name = f"gk_engines_test_tpl_{uuid.uuid4().hex[:8]}"
    with _admin(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        db_url = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
        _run(_base_env(tmp_path_factory.mktemp("template"), db_url), "setup")
        yield name
    finally:
        with _admin(url) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def deployment(tmp_path, template_database):
    """The environment of one deployment: its own database, var/ folder, cache prefix and queue name."""
    url = need_postgres()
    name = f"gk_engines_test_{uuid.uuid4().hex[:8]}"
    with _admin(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    try:
        yield _base_env(tmp_path, urlunsplit(urlsplit(url)._replace(path=f"/{name}")))
    finally:
        with _admin(url) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _run(env, *args) -> str:
    done = subprocess.run([*WORKER, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


@contextmanager
def processes(*commands, env, logs: Path):
    started = []
    try:
        for n, command in enumerate(commands):
            log = open(logs / f"process-{n}.log", "w")
            started.append((subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                             start_new_session=True), log))
        yield [p for p, _ in started]
    finally:
        for process, _log in started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process, log in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            log.close()


def _gunicorn(port: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "gongkai.config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
            "--log-level", "warning"]


def _get(url: str, cookies: dict | None = None) -> tuple[int, dict, str]:
    # One host name for every app process, as behind nginx (the page cache keys on the host, port included).
    request = urllib.request.Request(url, headers={"User-Agent": "gongkai-test", "Host": "localhost",
                                                   "Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _wait_http(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.1)
    raise AssertionError(f"not answering: {url}")


def _wait_for(predicate, seconds: float, what: str, diagnose=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting: {what}" + (f" ({diagnose()})" if diagnose else ""))


def _probe_lines(env) -> list[str]:
    path = Path(env["GONGKAI_TEST_PROBE_FILE"])
    return path.read_text().splitlines() if path.exists() else []


def _sql(url: str, query: str, *params):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else []


# --- two app processes, one Redis ------------------------------------------------------------------------

def test_a_publication_is_seen_uncached_by_every_app_process_at_once(deployment, tmp_path):
    env = {**deployment, "GONGKAI_REDIS_URL": need_redis()}
    one, two = _port(), _port()
    with processes(_gunicorn(one), _gunicorn(two), env=env, logs=tmp_path):
        page = "/gk/dept-a/catalog/"
        for port in (one, two):
            _wait_http(f"http://127.0.0.1:{port}/healthz")
        status, headers, _first = _get(f"http://127.0.0.1:{one}{page}")
        assert status == 200 and headers["X-Page-Cache"] == "miss"
        # The other process finds the page the first one rendered: one cache for the cluster.
        assert _get(f"http://127.0.0.1:{two}{page}")[1]["X-Page-Cache"] == "hit"
        _run(env, "publish", "另一个进程发布的通知")
        status, headers, body = _get(f"http://127.0.0.1:{two}{page}")
        assert headers["X-Page-Cache"] == "miss" and "另一个进程发布的通知" in body
        assert _get(f"http://127.0.0.1:{one}{page}")[1]["X-Page-Cache"] == "hit"
        # A site the publication does not touch keeps its cached page.
        assert _get(f"http://127.0.0.1:{one}/gk/dept-b/")[1]["X-Page-Cache"] == "miss"
        _run(env, "publish", "再一份通知")
        assert _get(f"http://127.0.0.1:{two}/gk/dept-b/")[1]["X-Page-Cache"] == "hit"
        status, headers, body = _get(f"http://127.0.0.1:{one}/readyz")
        checks = json.loads(body)["checks"]
        assert status == 200 and checks["cache"]["backend"] == "RedisCache" and checks["database"]["ok"]


# --- the scheduler ------------------------------------------------------------------------------------

def test_each_periodic_job_runs_once_per_period_with_two_schedulers_alive(deployment, tmp_path):
    env = {**deployment, "GONGKAI_BROKER_URL": REDIS_BROKER_URL, "GONGKAI_TICK_SECONDS": "2"}
    need_redis()
    beat = [*CELERY, "beat", "--loglevel", "info"]
    worker = [*CELERY, "worker", "--concurrency", "2", "--loglevel", "info", "-Q", env["GONGKAI_QUEUE_NAME"]]
    with processes(worker, [*worker, "-n", "second@%h"], [*beat, "-s", str(tmp_path / "beat-1")],
                   [*beat, "-s", str(tmp_path / "beat-2")], env=env, logs=tmp_path):
        _wait_for(lambda: len(_probe_lines(env)) >= 6, 60, "six runs of the probe job")
    runs = _probe_lines(env)
    periods = _sql(env["GONGKAI_DATABASE_URL"], "SELECT key FROM core_jobmark WHERE job = 'period:tests.probe'")
    assert len(runs) == len(periods)   # every claimed period ran once, and nothing ran unclaimed
    logs = "".join(p.read_text() for p in tmp_path.glob("process-*.log"))
    ticks = logs.count("Sending due task gongkai-tick")
    refused = logs.count("periodic job tests.probe, period")
    # Both schedulers sent their ticks; the second tick of each period was refused for the probe.
    assert ticks >= 2 * len(periods) - 2 and refused >= len(periods) - 2
    # One run per period, judged by the periods the schedulers named, not by when a worker got to the run: on
    # a loaded machine a run can start in the next period's seconds without having run twice.
    numbers = sorted(int(key.split(":")[1]) for (key,) in periods)
    assert len(set(numbers)) == len(numbers) and all(key.startswith("2:") for (key,) in periods)


# --- a worker killed in the middle of a task --------------------------------------------------------------

def test_a_task_whose_worker_is_killed_is_run_again_not_lost_nor_doubled(deployment, tmp_path):
    env = {**deployment, "GONGKAI_BROKER_URL": need_rabbitmq(), "GONGKAI_TEST_SLOW_SECONDS": "4"}
    worker = [*CELERY, "worker", "--concurrency", "1", "--loglevel", "info", "-Q", env["GONGKAI_QUEUE_NAME"]]
    with processes(worker, [*worker, "-n", "second@%h"], env=env, logs=tmp_path):
        _run(env, "slow")
        started = _wait_for(lambda: [line for line in _probe_lines(env) if line.startswith("start")], 60,
                            "the slow task to start")
        victim = int(started[0].split()[1])
        os.kill(victim, signal.SIGKILL)   # the pool process running the task, in the middle of its sleep
        _wait_for(lambda: any(line.startswith("done") for line in _probe_lines(env)), 60,
                  "the task to be run again to the end")
        time.sleep(1)
    lines = _probe_lines(env)
    starts = [line for line in lines if line.startswith("start")]
    dones = [line for line in lines if line.startswith("done")]
    assert len(starts) == 2 and int(starts[1].split()[1]) != victim
    assert dones == [f"done {starts[1].split()[1]} effect"]
    assert _sql(env["GONGKAI_DATABASE_URL"], "SELECT count(*) FROM core_jobmark WHERE job = 'tests.slow_probe'") == [(1,)]


# --- a long sweep shared by two workers --------------------------------------------------------------------

def test_two_workers_share_a_sweep_and_it_ends_as_one_worker_leaves_it(deployment, tmp_path):
    env = {**deployment, "GONGKAI_BROKER_URL": REDIS_BROKER_URL, "GONGKAI_SWEEP_CHUNK": "3"}
    need_redis()
    url = env["GONGKAI_DATABASE_URL"]
    _run(env, "links", "24")
    worker = [*CELERY, "worker", "--concurrency", "1", "--loglevel", "info", "-Q", env["GONGKAI_QUEUE_NAME"]]
    with processes(worker, [*worker, "-n", "second@%h"], env=env, logs=tmp_path):
        _wait_for(lambda: sum("ready." in p.read_text() for p in tmp_path.glob("process-*.log")) == 2, 60,
                  "both workers to be ready")
        run = int(_run(env, "sweep", "catalog.link_sweep"))
        _wait_for(lambda: _sql(url, "SELECT finished_at IS NOT NULL FROM core_sweeprun WHERE id = %s", run)
                  == [(True,)], 90, "the sweep to finish")
    chunks = len(_sql(url, "SELECT jsonb_array_elements(chunks) FROM core_sweeprun WHERE id = %s", run))
    assert chunks >= 8   # 25 published items, 3 a chunk
    per_worker = [p.read_text().count("gongkai.sweep_chunk") for p in sorted(tmp_path.glob("process-*.log"))]
    assert all(n > 0 for n in per_worker), per_worker   # both took their share
    assert _sql(url, "SELECT count(*) FROM core_jobmark WHERE job = %s", f"sweep:{run}") == [(chunks,)]
    shared = _sql(url, "SELECT url FROM catalog_linkcheck ORDER BY url")
    assert len(shared) == 25   # every item's own link and the shared one, each once
    _sql(url, "DELETE FROM catalog_linkcheck")
    _run(env, "sweep", "catalog.link_sweep", "here")   # the same sweep, one process
    assert _sql(url, "SELECT url FROM catalog_linkcheck ORDER BY url") == shared


# --- mail while the SMTP server is down -----------------------------------------------------------------

class _Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def test_mail_with_the_smtp_server_down_is_retried_and_delivered_when_it_comes_back(deployment, tmp_path):
    from aiosmtpd.controller import Controller

    smtp_port = _port()
    env = {**deployment, "GONGKAI_BROKER_URL": REDIS_BROKER_URL, "GONGKAI_TICK_SECONDS": "2",
           "GONGKAI_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "GONGKAI_EMAIL_HOST": "127.0.0.1", "GONGKAI_EMAIL_PORT": str(smtp_port), "GONGKAI_EMAIL_TIMEOUT": "3",
           "GONGKAI_OUTBOX_RETRY_SECONDS": "1"}
    need_redis()
    db = env["GONGKAI_DATABASE_URL"]
    worker = [*CELERY, "worker", "--concurrency", "2", "--loglevel", "info", "-Q", env["GONGKAI_QUEUE_NAME"]]
    beat = [*CELERY, "beat", "--loglevel", "info", "-s", str(tmp_path / "beat")]
    sink, controller = _Sink(), None
    with processes(worker, beat, env=env, logs=tmp_path):
        pk = int(_run(env, "mail", "applicant@example.com"))

        def state():
            return _sql(db, "SELECT state, attempts, last_error FROM core_outboxmessage WHERE id = %s", pk)[0]

        _wait_for(lambda: state()[1] >= 2, 60, "two failed attempts while the server is down")
        assert state()[0] == "failed" and "Connection" in state()[2]
        controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        try:
            _wait_for(lambda: state()[0] == "sent", 60, "delivery once the server is back")
            time.sleep(3)   # a few more ticks: nothing is sent twice
        finally:
            controller.stop()
    assert [to for to, _ in sink.messages] == [["applicant@example.com"]]
    assert "Subject: =?utf-8?" in sink.messages[0][1]


# --- reads from the replica -----------------------------------------------------------------------------

def test_the_portal_reads_from_the_replica_and_staff_pages_never_show_stale_data(deployment, tmp_path):
    replica_root = need_replica()
    db = deployment["GONGKAI_DATABASE_URL"]
    replica_db = urlunsplit(urlsplit(replica_root)._replace(path=urlsplit(db).path))
    env = {**deployment, "GONGKAI_REPLICA_DATABASE_URL": replica_db, "GONGKAI_PAGE_CACHE": "0",
           "GONGKAI_REPLICA_MAX_LAG_SECONDS": "3600"}
    staff_session = _run(env, "session", "editor_a")
    with _the_replica_to_ourselves(replica_root):
        _wait_for(lambda: _replica_has(replica_db, "生产模式测试的第一份通知"), 60,
                  "the replica to catch up", lambda: _replica_state(replica_root))
        _read_from_the_replica_and_the_primary(env, replica_root, staff_session, tmp_path)


def _read_from_the_replica_and_the_primary(env, replica_root, staff_session, tmp_path):
    patient, strict = _port(), _port()
    with processes(_gunicorn(patient), ["env", "GONGKAI_REPLICA_MAX_LAG_SECONDS=0", *_gunicorn(strict)],
                   env=env, logs=tmp_path):
        for port in (patient, strict):
            _wait_http(f"http://127.0.0.1:{port}/healthz")
        _sql(replica_root, "SELECT pg_wal_replay_pause()")
        try:
            _run(env, "publish", "副本尚未收到的通知")
            page = f"http://127.0.0.1:{patient}/gk/dept-a/catalog/"
            # The anonymous visitor reads the replica, which has not replayed the publication yet.
            status, _headers, body = _get(page)
            assert status == 200 and "生产模式测试的第一份通知" in body and "副本尚未收到的通知" not in body
            # A signed-in officer reads the primary, on the portal and on the staff pages.
            assert "副本尚未收到的通知" in _get(page, {"sessionid": staff_session})[2]
            assert "副本尚未收到的通知" in _get(f"http://127.0.0.1:{patient}/staff/catalog/",
                                             {"sessionid": staff_session})[2]
            # So does a visitor who has just sent a form (read-your-own-writes).
            assert "副本尚未收到的通知" in _get(page, {"gongkai_primary": "1"})[2]
            # A process that allows no lag skips the paused replica.
            assert "副本尚未收到的通知" in _get(f"http://127.0.0.1:{strict}/gk/dept-a/catalog/")[2]
            status, _headers, body = _get(f"http://127.0.0.1:{strict}/readyz")
            assert status == 200 and json.loads(body)["checks"]["replica"]["ok"] is False
        finally:
            _sql(replica_root, "SELECT pg_wal_replay_resume()")
        _wait_for(lambda: "副本尚未收到的通知" in _get(page)[2], 30, "the replica to replay the publication")


@contextmanager
def _the_replica_to_ourselves(replica_root: str):
    """The test pauses the replica's replay: a second test run on the same machine (a helper's worktree, a CI
    clone) waits for this lock on the primary instead of finding the replica paused under it."""
    import psycopg

    server = urlunsplit(urlsplit(PRIMARY_URL)._replace(path="/postgres"))   # a database every server has
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (REPLICA_LOCK,))
        # A run killed half-way leaves replay paused for good: nothing else would resume it.
        _sql(replica_root, "SELECT pg_wal_replay_resume()")
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (REPLICA_LOCK,))


def _replica_state(replica_root: str) -> str:
    try:
        (row,) = _sql(replica_root, "SELECT pg_is_in_recovery(), pg_is_wal_replay_paused(), "
                                    "pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn(), "
                                    "(SELECT status FROM pg_stat_wal_receiver)")
        (primary,) = _sql(PRIMARY_URL, "SELECT pg_current_wal_lsn()")
    except Exception as error:   # a diagnosis for the failure message, whatever went wrong
        return f"replica state unreadable: {error}"
    return (f"in recovery {row[0]}, replay paused {row[1]}, received {row[2]}, replayed {row[3]}, "
            f"receiver {row[4]}; primary at {primary[0]}")


def _replica_has(url: str, title: str) -> bool:
    try:
        return bool(_sql(url, "SELECT 1 FROM catalog_item WHERE title = %s", title))
    except Exception:
        return False


# --- backup and restore -----------------------------------------------------------------------------------

def test_backup_wipe_restore_gives_back_the_same_records_and_files(deployment, tmp_path):
    import shutil

    db, var = deployment["GONGKAI_DATABASE_URL"], Path(deployment["GONGKAI_VAR_DIR"])
    site = Path(deployment["GONGKAI_STATIC_SITE_DIR"])   # the site storage, outside GONGKAI_VAR_DIR here
    pk = _run(deployment, "publish", "备份之前发布的通知")
    page = next(site.glob(f"gk/*/items/{pk}/index.html"))
    published_page = page.read_bytes()
    (var / "media" / "letters").mkdir(parents=True, exist_ok=True)
    (var / "media" / "letters" / "告知书.pdf").write_bytes(b"%PDF-1.7 letter")
    (var / "secret_key").write_text("the-secret-key")
    tables = ("catalog_item", "auth_user", "core_event", "agencies_agency", "search_searchdocument")

    def counts():
        return {t: _sql(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}

    before = counts()
    assert before["catalog_item"] == 2
    script = [str(ROOT / "scripts" / "backup.sh")]
    done = subprocess.run([*script, "backup", str(tmp_path / "backup")], env=deployment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # The wipe: every table and every file gone.
    _sql(db, "DROP SCHEMA public CASCADE")
    _sql(db, "CREATE SCHEMA public")
    shutil.rmtree(var)
    shutil.rmtree(site)
    done = subprocess.run([*script, "restore", str(tmp_path / "backup")], env=deployment, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert counts() == before
    assert page.read_bytes() == published_page
    assert (var / "media" / "letters" / "告知书.pdf").read_bytes() == b"%PDF-1.7 letter"
    assert (var / "secret_key").read_text() == "the-secret-key"
    assert _sql(db, "SELECT title FROM catalog_item WHERE title = %s", "备份之前发布的通知")
    assert subprocess.run([*script, "restore", str(tmp_path / "nothing")], env=deployment,
                          capture_output=True).returncode == 2
