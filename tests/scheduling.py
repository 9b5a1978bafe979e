"""How xdist shares the suite between its workers (``pytest_xdist_make_scheduler`` in conftest.py).

A module's tests stay together, so a module's fixtures are built once rather than on every worker; and every
module that uses the demo (``demo_db``, tests/demo_database.py) is one unit, so one worker loads the demo while
the others run the rest of the suite, instead of each worker that reaches a demo test waiting a minute for the
first one's load. Units go out costliest first, so that the last ones are short and no worker waits long for
the other at the end: the demo's, then the modules that start processes of their own or drive a browser
(each of their tests takes seconds), then the rest, largest first.

xdist's own ``xdist_group`` marks would say the same, but they work by renaming test ids, which pytest 9 no
longer allows: with pytest 9.2 and xdist 3.8 the marks are read and have no effect.
"""

import re
from pathlib import Path

from xdist.scheduler import LoadScopeScheduling

DEMO = "demo"
_USES_DEMO = re.compile(r"\bdemo_db\b")


def _modules_matching(root: Path, pattern: re.Pattern) -> set[str]:
    """The test modules (paths relative to the root, as in test ids) whose text matches ``pattern``."""
    return {path.relative_to(root).as_posix()
            for path in [*root.glob("tests/test_*.py"), *root.glob("src/gongkai/*/tests/test_*.py")]
            if pattern.search(path.read_text(encoding="utf-8"))}


def modules_on_the_demo(root: Path) -> set[str]:
    """The test modules that ask for the demo database."""
    return _modules_matching(root, _USES_DEMO)


_SLOW = re.compile(r"\b(subprocess|Popen|multiprocessing|live_server|pytestmark = pytest\.mark\.browser)\b")


def slow_modules(root: Path) -> set[str]:
    """The test modules whose tests start processes of their own or drive a browser."""
    return _modules_matching(root, _SLOW)


class ModulesWithTheDemoTogether(LoadScopeScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        root = Path(config.rootpath)
        self.demo_modules = modules_on_the_demo(root)
        self.slow_modules = slow_modules(root)
        self._ordered = False

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return DEMO if module in self.demo_modules else module

    def _cost_order(self, scope: str) -> tuple:
        return (scope != DEMO, scope not in self.slow_modules, -len(self.workqueue[scope]), scope)

    def _assign_work_unit(self, node) -> None:
        if not self._ordered:   # the queue is complete when the first unit is handed out
            for scope in sorted(self.workqueue, key=self._cost_order):
                self.workqueue.move_to_end(scope)
            self._ordered = True
        super()._assign_work_unit(node)
