"""The ``gongkai`` command as a new operator meets it: run as real processes, on databases made here.

Every subprocess gets its own GONGKAI_VAR_DIR and no other GONGKAI_* setting, so the defaults are what is tested.
One SQLite database is migrated once for the module and copied for each command; commands run a few at a time.
"""

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gongkai.core.command import EXIT_CODES, FINDING, USAGE

ROOT = Path(__file__).resolve().parents[1]
REPORT_FIXTURES = ROOT / "src/gongkai/reports/tests/fixtures"
PARALLEL = 3
SIGPIPE_STATUS = 141

# The notice file the README shows as its example, so the example itself is what gets imported.
NOTICE_2027 = (ROOT / "README.md").read_text(encoding="utf-8").split("```json\n", 1)[1].split("```", 1)[0]


def _env(var_dir: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(GONGKAI_VAR_DIR=str(var_dir), PYTHONPATH=str(ROOT / "src"), **more)
    return env


def gongkai(args: list[str], env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongkai.config.cli", *args], env=env, cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=300)


def in_parallel(calls):
    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(lambda call: call(), calls))


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A GONGKAI_VAR_DIR holding a freshly migrated default database (and the secret key made on first run)."""
    var_dir = tmp_path_factory.mktemp("var")
    done = gongkai(["migrate", "--noinput", "-v0"], _env(var_dir))
    assert done.returncode == 0, done.stderr
    return var_dir


def copy_of(var_dir: Path, tmp_path: Path, name: str) -> Path:
    return shutil.copytree(var_dir, tmp_path / name)


# 1. GONGKAI_VAR_DIR holds the default database.

def test_default_database_lives_in_var_dir(migrated):
    # Beside the database: the keys made on first run (the secret key, the personal-data keys of ADR 0012).
    names = {p.name for p in migrated.iterdir() if not p.name.endswith(("-wal", "-shm"))}
    assert "gongkai.sqlite3" in names
    assert names <= {"gongkai.sqlite3", "secret_key", "applicant_index_key", "personal_data_key"}
    with sqlite3.connect(migrated / "gongkai.sqlite3") as db:
        applied = db.execute("SELECT count(*) FROM django_migrations WHERE app = 'calendars'").fetchone()[0]
    assert applied >= 1


def test_make_migrate_creates_var_dir_from_the_variable():
    dry = subprocess.run(["make", "-n", "migrate"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert 'mkdir -p "${GONGKAI_VAR_DIR:-var}"' in dry.stdout


# 2. A database not migrated yet: one line saying what to run, exit 2; working days answer from shipped data.

def _says_run_migrate(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == USAGE, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "请先运行 gongkai migrate" in lines[0], done.stderr


UNMIGRATED = [
    ["cases", "overdue"],
    ["calendar", "import", str(REPORT_FIXTURES / "clean-2024.json")],  # not a notice: a finding, before the database
    ["report", "build", "--agency", "wsjkq", "--year", "2024"],
    ["createsuperuser", "--noinput", "--username", "x", "--email", "x@example.com"],  # Django's own commands too
    ["tick"],  # its jobs catch their own errors: it asks before running them
]
# They answer from the calendar shipped with the package, as on a migrated database without imported notices.
WORKING_DAYS = [["workdays", "add", "2025-01-20", "20"], ["calendar", "show", "2025"]]


def _check_unmigrated(env: dict[str, str], migrated_env: dict[str, str]) -> None:
    calls = [lambda args=args: gongkai(args, env) for args in UNMIGRATED + WORKING_DAYS]
    calls += [lambda args=args: gongkai(args, migrated_env) for args in WORKING_DAYS]
    overdue, notice, build, superuser, tick, *answers = in_parallel(calls)
    _says_run_migrate(overdue)
    assert notice.returncode == FINDING and "Traceback" not in notice.stderr, notice.stderr
    _says_run_migrate(build)
    _says_run_migrate(superuser)
    _says_run_migrate(tick)
    assert tick.stdout == ""  # no job ran
    before, after = answers[:2], answers[2:]
    for early, late in zip(before, after, strict=True):
        assert (early.returncode, late.returncode) == (0, 0), early.stderr + late.stderr
        assert early.stdout == late.stdout
        assert early.stderr.strip() == "（数据库尚未迁移：按随软件提供的官方放假安排计算；gongkai migrate 后可导入新的放假通知）"
    # 20 working days after Monday 2025-01-20, over the 2025 Spring Festival holiday.
    assert before[0].stdout.splitlines() == ["2025-02-21"]
    assert before[1].stdout.splitlines()[0] == "2025年：国务院办公厅放假通知（随 chinesecalendar 提供）"


def test_unmigrated_sqlite_database(migrated, tmp_path):
    _check_unmigrated(_env(tmp_path / "empty"), _env(copy_of(migrated, tmp_path, "var")))


@pytest.mark.pg
def test_unmigrated_postgresql_database(migrated, tmp_path):
    url = os.environ.get("GONGKAI_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("runs in the PostgreSQL pass of the suite (GONGKAI_DATABASE_URL=postgresql://…)")
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_unmigrated_{uuid.uuid4().hex[:8]}"
    server = {"host": parts.hostname, "port": parts.port or 5432, "user": parts.username or "postgres",
              "password": parts.password or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        empty = parts._replace(path=f"/{name}").geturl()
        _check_unmigrated(_env(tmp_path / "empty", GONGKAI_DATABASE_URL=empty),
                          _env(copy_of(migrated, tmp_path, "var")))
    finally:
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# 3. The reader goes away: the command stops quietly.

def _reader_leaves(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-m", "gongkai.config.cli", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.close()  # before the command has written anything: its first write meets a closed pipe
    stderr = proc.stderr.read()
    return proc.wait(timeout=300), stderr


def test_commands_stop_quietly_when_the_reader_goes_away(migrated, tmp_path):
    env = _env(copy_of(migrated, tmp_path, "var"))
    results = in_parallel([lambda: _reader_leaves(["demo", "logins"], env),
                           lambda: _reader_leaves(["calendar", "show", "2027"], env)])
    assert results == [(SIGPIPE_STATUS, ""), (SIGPIPE_STATUS, "")]


# 4. The login banner gives the address make run serves.

def test_make_run_banner_names_the_port_it_serves(tmp_path):
    dry = subprocess.run(["make", "-n", "run", "PORT=8101", "HOST=127.0.0.1"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    logins = [line for line in dry.stdout.splitlines() if "demo logins" in line]
    assert logins == [".venv/bin/gongkai demo logins --url http://127.0.0.1:8101/"], dry.stdout
    done = gongkai(shlex.split(logins[0])[1:], _env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "  工作台：http://127.0.0.1:8101/staff/    门户：http://127.0.0.1:8101/"
    assert "8000" not in done.stdout


# 5. Exit codes: said in --help, kept by every command of the README.

def _product_commands() -> dict[str, str]:
    from django.core.management import get_commands

    return {name: app for name, app in get_commands().items() if app.startswith("gongkai.")}


def test_every_product_command_states_its_exit_codes_in_help():
    from django.core.management import load_command_class

    from gongkai.core.command import GongkaiCommand

    commands = _product_commands()
    assert {"workdays", "calendar", "catalog", "search", "portal", "fees", "cases", "report", "demo", "tick",
            "timer"} <= set(commands)
    for name, app in commands.items():
        command = load_command_class(app, name)
        assert isinstance(command, GongkaiCommand), name
        text = "".join(command.create_parser("gongkai", name).format_help().split())  # wrapped by argparse
        assert "".join(str(EXIT_CODES).split()) in text, name


def readme_commands() -> list[tuple[list[str], str]]:
    """The lines of the README's ``gongkai`` block: (arguments after ``gongkai``, comment) per command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## The `gongkai` command", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.splitlines():
        comment = line.partition(" #")[2]
        for segment in line.split(" | "):  # a pipeline: each command keeps its own exit code
            words = shlex.split(segment, comments=True)
            if words:
                assert words[0] == "gongkai", line
                commands.append((words[1:], comment))
    return commands


# Loading the whole demo district takes minutes; its steps have their own tests (tests/test_*_demo.py).
NOT_RUN_HERE = (["demo", "load"],)


def expected_on_a_fresh_database(args: list[str], comment: str) -> int:
    """The README says: examples naming wsjkq need the demo district, portal publish needs collectstatic, its
    ``--queue`` a job queue, ``sites nginx`` the sites of a cluster (none of them is on this fresh database);
    everything else does what it says."""
    if any("wsjkq" in word for word in args) or "collectstatic" in comment:
        return USAGE
    if "--queue" in args or args[:2] == ["sites", "nginx"]:
        return USAGE
    return 0


def _inputs(cwd: Path) -> None:
    """The files the README's examples name, in the folder they run in."""
    (cwd / "notice-2027.json").write_text(NOTICE_2027, encoding="utf-8")
    shutil.copy(REPORT_FIXTURES / "clean-2024.json", cwd / "report.json")
    shutil.copy(REPORT_FIXTURES / "previous-2023.json", cwd / "last-year.json")
    (cwd / "broken.json").write_bytes((REPORT_FIXTURES / "broken-identity-2024.json").read_bytes())
    (cwd / "items.csv").write_text("标题,发布日期\n示例,2024-01-02\n", encoding="utf-8")
    (cwd / "past-report.xlsx").write_bytes(b"PK\x03\x04")


# Beyond the README: a finding and bad usage, by argparse and by the command itself.
MORE = [
    (["report", "check", "broken.json"], FINDING),
    (["workdays", "add", "2025-13-01", "3"], USAGE),
    (["fees", "quote"], USAGE),
]


def test_readme_commands_exit_as_documented_without_tracebacks(migrated, tmp_path):
    commands = [(args, expected_on_a_fresh_database(args, comment)) for args, comment in readme_commands()
                if not any(args[:len(skip)] == list(skip) for skip in NOT_RUN_HERE)]
    assert len(commands) >= 15
    cwd = tmp_path / "work"
    cwd.mkdir()
    _inputs(cwd)

    def run(i: int, args: list[str]):
        return gongkai(args, _env(copy_of(migrated, tmp_path, f"var{i}")), cwd=cwd)

    cases = commands + MORE
    results = in_parallel([lambda i=i, args=args: run(i, args) for i, (args, _) in enumerate(cases)])
    wrong = [f"gongkai {shlex.join(args)}: exit {done.returncode}, documented {expected}\n{done.stderr}"
             for (args, expected), done in zip(cases, results, strict=True)
             if done.returncode != expected or "Traceback" in done.stderr]
    assert not wrong, "\n".join(wrong)
    by_line = {shlex.join(args): done for (args, _), done in zip(cases, results, strict=True)}
    assert by_line["workdays add 2022-04-25 7"].stdout.splitlines()[0] == "2022-05-07"
    assert by_line["fees quote --pieces 35"].stdout.splitlines()[0] == "3000.00"
    assert "静态文件尚未收集：请先运行 gongkai collectstatic --noinput" in by_line["portal publish"].stderr
    assert "wsjkq" in by_line["cases overdue --agency wsjkq"].stderr


def test_the_garbage_collector_runs_again_once_the_command_is_found(tmp_path):
    # Paused while Django starts (gongkai.config.cli), then resumed with the start-up's objects frozen.
    done = gongkai(["shell", "-c", "import gc; print(gc.isenabled(), gc.get_freeze_count() > 10000)"],
                   _env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["True", "True"]
