"""Stored deadlines follow the calendar: when a year's data changes, every app that stores a date computed
from working days recomputes it and records the change.

Apps register a recomputer in ``AppConfig.ready``; it receives the new calendar and the years whose data
changed, recomputes what depends on them, writes an event for each date it moves, and returns how many
objects it changed.
"""

from collections.abc import Callable

from gongkai.calendars.domain.workdays import WorkCalendar

Recomputer = Callable[..., int]
_RECOMPUTERS: dict[str, Recomputer] = {}


def register_deadline_recomputer(name: str, fn: Recomputer) -> None:
    _RECOMPUTERS[name] = fn


def unregister_deadline_recomputer(name: str) -> None:
    _RECOMPUTERS.pop(name, None)


def recompute_deadlines(*, calendar: WorkCalendar, changed_years: set[int], actor,
                        on_progress=None) -> dict[str, int]:
    """Every registered recomputer in turn; ``on_progress(done, total)`` after each (the calendar import's
    progress: each one walks the open applications, messages or obligations of its area)."""
    counts = {}
    recomputers = sorted(_RECOMPUTERS.items())
    for done, (name, fn) in enumerate(recomputers, 1):
        counts[name] = fn(calendar=calendar, changed_years=changed_years, actor=actor)
        if on_progress is not None:
            on_progress(done, len(recomputers))
    return counts
