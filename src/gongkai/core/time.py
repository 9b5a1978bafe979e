"""Legal dates are dates in Asia/Shanghai (the configured TIME_ZONE), never the server's UTC date.

The event clock: ``record_event`` stamps an event at ``event_time()``, which is now unless a caller replays the
past inside ``clock_at(moment)`` (the demo writes its district's 2017 year as it happened, so history pages say
2017). Only the stamps of events move; "today" for deadlines, reminders and the minute timer stays today.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_pinned: ContextVar[dt.datetime | None] = ContextVar("gongkai_event_clock", default=None)


def local_now() -> dt.datetime:
    return timezone.localtime(timezone.now())


def local_today() -> dt.date:
    return local_now().date()


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def event_time() -> dt.datetime:
    """The moment an event written now is stamped with: the pinned moment inside ``clock_at``, else now."""
    return _pinned.get() or timezone.now()


def replaying() -> bool:
    """True inside ``clock_at``: what is written is the past being replayed, not something happening now."""
    return _pinned.get() is not None


@contextmanager
def clock_at(moment: dt.datetime | dt.date) -> Iterator[dt.datetime]:
    """Stamp the events written inside at ``moment`` (a date means 09:00 local time that day). Nests: the
    innermost moment wins, the outer one comes back on leaving."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(9, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    token = _pinned.set(moment)
    try:
        yield moment
    finally:
        _pinned.reset(token)
