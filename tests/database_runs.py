"""Which tests the PostgreSQL run repeats (scripts/test.sh sets GONGKAI_TEST_DATABASE_RUN=1 for it).

The SQLite run runs every test. The PostgreSQL run repeats every test that can meet the database: a test
that asks for it (``db``, ``transactional_db``, ``live_server``, a ``django_db`` mark, or a fixture built on
them such as the demo), and every test of a module that starts processes of its own, which find the database
under test in their environment, or asks for fixtures while it runs (``request.getfixturevalue``), which its
signature does not show. A test that touches no database runs the same code on the same inputs
whichever database is configured (pytest-django refuses it any query), so running it again adds nothing.
"""

import os
from pathlib import Path

DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}
WHOLE_MODULE_WORDS = ("subprocess", "Popen", "multiprocessing", "getfixturevalue")
_whole_modules: dict[Path, bool] = {}


def _whole_module(path: Path) -> bool:
    if path not in _whole_modules:
        text = path.read_text(encoding="utf-8")
        _whole_modules[path] = any(word in text for word in WHOLE_MODULE_WORDS)
    return _whole_modules[path]


def meets_the_database(item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    return _whole_module(Path(str(item.path)))


def select(config, items) -> None:
    if os.environ.get("GONGKAI_TEST_DATABASE_RUN") != "1":
        return
    kept, left = [], []
    for item in items:
        (kept if meets_the_database(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
