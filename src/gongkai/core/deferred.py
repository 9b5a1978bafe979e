"""Hooks named by dotted path, imported when they are first called rather than when the apps start.

Every ``gongkai`` command starts every app (``django.setup()`` runs each ``AppConfig.ready``); a ``ready`` that
imports the modules of its receivers, timed jobs and deadline recomputers makes ``gongkai workdays add`` pay for
the portal's static publication and the catalog's services. ``ready`` names them instead::

    signals.item_published.connect(by_path("gongkai.portal.publication.on_item_public"), weak=False, ...)
    register_deadline_recomputer("cases", by_path("gongkai.cases.services_clock.recompute_open_deadlines"))

and the module is imported by the first call (the signal sent, the recomputation asked), once per process.
A wrong path fails at that first call with Django's ``ImportError`` naming it; ``tests/test_deferred_hooks.py``
resolves every path the apps register, so a typo fails the tests, not a user.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.module_loading import import_string


class ByPath:
    """A callable that imports ``dotted`` on its first call and forwards every call to it."""

    __slots__ = ("_target", "dotted")

    def __init__(self, dotted: str):
        self.dotted = dotted
        self._target: Callable | None = None

    def resolve(self) -> Callable:
        if self._target is None:
            self._target = import_string(self.dotted)
        return self._target

    def __call__(self, *args, **kwargs):
        return self.resolve()(*args, **kwargs)

    def __repr__(self) -> str:
        return f"by_path({self.dotted!r})"


_MADE: list[ByPath] = []


def by_path(dotted: str) -> ByPath:
    hook = ByPath(dotted)
    _MADE.append(hook)
    return hook


def registered_paths() -> list[ByPath]:
    """Every hook made so far (the test resolves them all)."""
    return list(_MADE)
