"""A database of its own for a test that runs the product in other processes: a SQLite file in the test's
folder, or, when the suite runs on PostgreSQL, a new database on the same server, dropped afterwards.

``migrated_database_url`` gives one already migrated: the migrations run once per test process (in a
``gongkai migrate`` of their own, as a deployment runs them) and every test gets a copy of that database (a
file copy; ``CREATE DATABASE … TEMPLATE`` on PostgreSQL), which saves a migration of some ten seconds a test."""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
_templates: dict[str, str] = {}   # the database URL under test → its migrated template (path or database name)
_prepared: dict[tuple[str, str], str] = {}   # (database URL under test, name) → a prepared template


def _admin_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def _on_postgres() -> str:
    url = os.environ.get("GONGKAI_DATABASE_URL", "")
    return url if url.startswith("postgres") else ""


@contextmanager
def fresh_database_url(tmp_path: Path, prefix: str, *, template: str = ""):
    url = _on_postgres()
    if not url:
        target = tmp_path / f"{prefix}.sqlite3"
        if template:
            shutil.copyfile(template, target)
        yield f"sqlite:///{target}"
        return
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_admin_url(url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(_admin_url(url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _migrate(url: str, var_dir: Path) -> None:
    env = {**os.environ, "GONGKAI_DATABASE_URL": url, "GONGKAI_VAR_DIR": str(var_dir),
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    done = subprocess.run([sys.executable, "-m", "gongkai.config.cli", "migrate", "-v0"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def _template() -> str:
    key = _on_postgres()
    if key in _templates:
        return _templates[key]
    folder = Path(tempfile.mkdtemp(prefix="gk-migrated-"))
    atexit.register(shutil.rmtree, folder, True)
    if not key:
        path = folder / "migrated.sqlite3"
        _migrate(f"sqlite:///{path}", folder)
        _templates[key] = str(path)
        return str(path)
    import psycopg

    name = f"gk_migrated_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_admin_url(key), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(_admin_url(key), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    atexit.register(drop)
    _migrate(urlunsplit(urlsplit(key)._replace(path=f"/{name}")), folder)
    _templates[key] = name
    return name


@contextmanager
def migrated_database_url(tmp_path: Path, prefix: str):
    """As ``fresh_database_url``, with every migration applied."""
    with fresh_database_url(tmp_path, prefix, template=_template()) as url:
        yield url


def prepared_template(name: str, prepare) -> str:
    """A migrated database on which ``prepare(url)`` (which runs the product in processes of its own) has run,
    made once per test process and kept as a template: tests that all start from the same records copy it
    (``prepared_database_url``) rather than each build them again."""
    key = (_on_postgres(), name)
    if key in _prepared:
        return _prepared[key]
    migrated = _template()
    folder = Path(tempfile.mkdtemp(prefix=f"gk-{name}-"))
    atexit.register(shutil.rmtree, folder, True)
    if not key[0]:
        path = folder / f"{name}.sqlite3"
        shutil.copyfile(migrated, path)
        prepare(f"sqlite:///{path}")
        _prepared[key] = str(path)
        return str(path)
    import psycopg

    db = f"gk_{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_admin_url(key[0]), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db}" TEMPLATE "{migrated}"')

    def drop():
        with psycopg.connect(_admin_url(key[0]), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

    atexit.register(drop)
    prepare(urlunsplit(urlsplit(key[0])._replace(path=f"/{db}")))
    _prepared[key] = db
    return db


@contextmanager
def prepared_database_url(tmp_path: Path, prefix: str, template: str):
    """A copy of a ``prepared_template``, as ``fresh_database_url`` gives one."""
    with fresh_database_url(tmp_path, prefix, template=template) as url:
        yield url
