import pytest
from django.db import connection

from gongkai.core.planner_statistics import analyze_after_bulk_load, refresh_planner_statistics
from gongkai.core.timed import timed_jobs


def _analyzed_tables() -> set[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cur.fetchone():
            return set()
        cur.execute("SELECT tbl FROM sqlite_stat1")
        return {row[0] for row in cur.fetchall()}


@pytest.mark.django_db
def test_registered_as_a_minute_job():
    assert "core.planner_statistics" in {job.name for job in timed_jobs()}


def _probe_rows(cur, rows: range) -> None:
    cur.executemany("INSERT INTO planner_probe (label) VALUES (%s)", [(f"行{n}",) for n in rows])


@pytest.mark.django_db
def test_sqlite_tables_without_statistics_are_analyzed_once_and_again_after_growth():
    if connection.vendor != "sqlite":
        assert refresh_planner_statistics() == 0   # PostgreSQL's autovacuum keeps its own statistics
        return
    with connection.cursor() as cur:
        cur.execute("CREATE TABLE planner_probe (id integer PRIMARY KEY, label text)")
        cur.execute("CREATE INDEX planner_probe_label ON planner_probe (label)")
        _probe_rows(cur, range(100))
        cur.execute("ANALYZE")
        cur.execute("DELETE FROM sqlite_stat1")
    assert refresh_planner_statistics() > 0 and "planner_probe" in _analyzed_tables()
    assert refresh_planner_statistics() == 0          # nothing changed: nothing analyzed
    with connection.cursor() as cur:
        _probe_rows(cur, range(100, 120))             # +20 %: still close enough
    assert refresh_planner_statistics() == 0
    with connection.cursor() as cur:
        _probe_rows(cur, range(120, 200))             # +100 % since the analysis: stale
    assert refresh_planner_statistics() == 1
    with connection.cursor() as cur:
        cur.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'planner_probe'")
        assert int(cur.fetchone()[0].split()[0]) == 200


@pytest.mark.django_db(transaction=True)
def test_a_bulk_load_leaves_statistics_for_the_planner_on_either_database():
    with connection.cursor() as cur:
        cur.execute("CREATE TABLE planner_bulk (label text)")
        try:
            cur.executemany("INSERT INTO planner_bulk (label) VALUES (%s)", [(f"行{n}",) for n in range(300)])
            analyze_after_bulk_load()
            if connection.vendor == "postgresql":
                cur.execute("SELECT reltuples FROM pg_class WHERE relname = 'planner_bulk'")
                assert cur.fetchone()[0] == 300
            else:
                assert "planner_bulk" in _analyzed_tables()
        finally:
            cur.execute("DROP TABLE planner_bulk")
