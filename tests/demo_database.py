"""The demo district, loaded once per test session and copied for each test that asks for it (``demo_db``).

Loading the demo takes the better part of a minute; a test that needs it gets a copy instead:

- SQLite (the test database lives in memory): the first worker loads the demo into its test database, copies it
  into a file with SQLite's backup API and puts its clean database back; each ``demo_db`` test restores the file
  into the in-memory database (a fraction of a second) and the clean copy afterwards.
- PostgreSQL: the first worker makes a template database (its migrated test database, then ``gongkai demo
  load`` in it); each ``demo_db`` test runs on ``CREATE DATABASE … TEMPLATE …``, dropped afterwards.

Under xdist the modules on the demo go to one worker (tests/scheduling.py), which loads it while the others
run everything else; a file lock in the session's shared temporary folder still guards the load when a
run is distributed otherwise. The demo is loaded as ``gongkai demo load`` loads it (committed, so the
search index and the portal's pages follow it), with its static pages left to the timer.

A ``demo_db`` test runs without a surrounding transaction (it has its own database): it must not also ask for
``db`` (or the ``personas`` built on it); ``django_db(transaction=True)`` tests (the browser journeys) may.
"""

import fcntl
import io
import os
import re
import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path

import pytest


def _shared_folder(tmp_path_factory) -> Path:
    """The session's temporary folder every xdist worker sees (one session: never shared with another run)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _locked(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _reference_data() -> None:
    """The shipped taxonomies, which a transactional test (a browser journey) flushes when it ends: the demo and
    the clean copy are made with them, whatever ran before on this worker."""
    from gongkai.catalog.models import SensitiveWord, Term
    from gongkai.catalog.taxonomy_loading import load_default_terms

    load_default_terms(Term, SensitiveWord)


def _load_demo(site_dir: Path) -> None:
    from django.conf import settings
    from django.core.management import call_command

    _reference_data()
    # The static copy of the demo's 43 sites (278 pages, a fifth of the load) is left to the timer, as a
    # cluster-scale deployment does (GONGKAI_STATIC_PUBLISH=batched): no demo test reads it, and the pages a bulk
    # publication writes are tested on a small cluster (tests/test_portal_bulk_static.py).
    kept = settings.GONGKAI_STATIC_SITE_DIR, settings.GONGKAI_STATIC_PUBLISH
    settings.GONGKAI_STATIC_SITE_DIR, settings.GONGKAI_STATIC_PUBLISH = site_dir, "batched"
    try:
        call_command("demo", "load", "--force", stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        settings.GONGKAI_STATIC_SITE_DIR, settings.GONGKAI_STATIC_PUBLISH = kept


class SqliteCopies:
    def __init__(self, connection, demo_file: Path):
        self.connection = connection
        self.demo_file = demo_file
        self.clean = sqlite3.connect(":memory:", check_same_thread=False)
        connection.ensure_connection()
        _reference_data()
        connection.connection.backup(self.clean)

    def build(self, site_dir: Path) -> None:
        _load_demo(site_dir)
        with closing(sqlite3.connect(self.demo_file)) as target:
            self.connection.connection.backup(target)
        self.restore_clean()

    @contextmanager
    def copy(self):
        self.connection.ensure_connection()
        with closing(sqlite3.connect(self.demo_file)) as source:
            source.backup(self.connection.connection)
        try:
            yield
        finally:
            self.restore_clean()

    def restore_clean(self) -> None:
        self.connection.ensure_connection()
        self.clean.backup(self.connection.connection)


class PostgresCopies:
    def __init__(self, connection):
        self.connection = connection
        self.own = connection.settings_dict["NAME"]
        self.template = re.sub(r"_gw\d+$", "", self.own) + "_demo"

    def _admin(self, *statements: str) -> None:
        import psycopg

        s = self.connection.settings_dict
        with psycopg.connect(host=s["HOST"] or None, port=s["PORT"] or None, user=s["USER"] or None,
                             password=s["PASSWORD"] or None, dbname="postgres", autocommit=True) as admin:
            for statement in statements:
                admin.execute(statement)

    @contextmanager
    def _on(self, name: str):
        self.connection.close()
        self.connection.settings_dict["NAME"] = name
        try:
            yield
        finally:
            self.connection.close()
            self.connection.settings_dict["NAME"] = self.own

    def build(self, site_dir: Path) -> None:
        self.connection.close()   # a template has no other sessions
        self._admin(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)',
                    f'CREATE DATABASE "{self.template}" TEMPLATE "{self.own}"')
        with self._on(self.template):
            _load_demo(site_dir)

    @contextmanager
    def copy(self):
        name = f"{self.own}_copy"
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                    f'CREATE DATABASE "{name}" TEMPLATE "{self.template}" STRATEGY FILE_COPY')
        try:
            with self._on(name):
                yield
        finally:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_CONFIGURED: dict[str, str] = {}


def pytest_sessionstart(session):
    from django.conf import settings

    _CONFIGURED["name"] = str(settings.DATABASES["default"]["NAME"])   # before any test database exists


def _on_test_database(connection) -> bool:
    return str(connection.settings_dict["NAME"]) != _CONFIGURED["name"]


@pytest.fixture(scope="session")
def demo_copies(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """Loads the demo once for the session (the first worker that needs it), returns the copier."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    connection = connections["default"]
    shared = _shared_folder(tmp_path_factory)
    with django_db_blocker.unblock():
        if not _on_test_database(connection):
            # pytest-django makes the test database only for tests that ask for db, transactional_db,
            # live_server or django_db: a run of demo_db tests alone makes its own.
            made = setup_databases(verbosity=0, interactive=False, aliases={"default"})

            def drop():
                with django_db_blocker.unblock():
                    teardown_databases(made, verbosity=0)

            request.addfinalizer(drop)
        assert _on_test_database(connection), "the demo is loaded into the test database only"
        if connection.vendor == "sqlite":
            copies = SqliteCopies(connection, shared / "demo.sqlite3")
        else:
            copies = PostgresCopies(connection)
        with _locked(shared / "demo.lock"):
            done = shared / "demo.built"
            if not done.exists():
                copies.build(shared / "demo-site")
                done.touch()
    return copies


def _forget_cached_rows() -> None:
    """A process caches content types by id. The copy carries the ids of the worker that built the demo, and a
    transactional test's flush renumbers a worker's own (PostgreSQL's sequences are not reset): a cached id from
    one database finds nothing in the other (a history of no events). Forgotten on the way in and out."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def demo_db(request, demo_copies, django_db_blocker):
    """The test runs on a fresh copy of the loaded demo (every area's records, committed and indexed)."""
    from django.db import connections

    if connections["default"].in_atomic_block:
        raise pytest.UsageError("demo_db gives the test a database of its own: do not combine it with db "
                                "(use it alone, or with django_db(transaction=True))")
    with django_db_blocker.unblock(), demo_copies.copy():
        _forget_cached_rows()
        try:
            yield
        finally:
            _forget_cached_rows()

