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


def recompute_deadlines(*, calendar: WorkCalendar, changed_years: set[int], actor) -> dict[str, int]:
    return {
        name: fn(calendar=calendar, changed_years=changed_years, actor=actor)
        for name, fn in sorted(_RECOMPUTERS.items())
    }
