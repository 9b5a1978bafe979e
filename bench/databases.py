"""Each benchmark works in a database of its own, SQLite under var/bench or a PostgreSQL database."""

import os
from pathlib import Path


def use_database(db: str, *, sqlite_path: Path, pg_url: str, fresh: bool) -> None:
    """Point Django at the benchmark's database, dropping and re-creating it when ``fresh``, and set Django up."""
    sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{sqlite_path}" if db == "sqlite" else pg_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings")
    if fresh:
        _drop_and_create(db, sqlite_path=sqlite_path, pg_url=pg_url)
    import django

    django.setup()


def _drop_and_create(db: str, *, sqlite_path: Path, pg_url: str) -> None:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    base, name = pg_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
