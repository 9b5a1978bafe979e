"""Page views without a database write per request: each process counts in memory and writes its counts in
one batch at most once a minute (and from ``gongkai tick``). Nothing personal is kept — no address, no cookie.
"""

import atexit
import threading
import time
from collections import Counter

from gongkai.core.time import local_today

FLUSH_EVERY = 60.0
_lock = threading.Lock()
_pending: Counter = Counter()
_last_flush = time.monotonic()


def record_view(agency_id: int, item_id: int | None = None) -> None:
    global _last_flush
    day = local_today()
    with _lock:
        _pending[(day, agency_id, None)] += 1
        if item_id is not None:
            _pending[(day, agency_id, item_id)] += 1
        due = time.monotonic() - _last_flush >= FLUSH_EVERY
    if due:
        flush_views()


def take_pending() -> dict:
    global _last_flush
    with _lock:
        counts = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    return counts


def flush_views() -> int:
    from gongkai.search.services import add_page_views

    counts = take_pending()
    if counts:
        add_page_views(counts)
    return len(counts)


def _flush_at_exit() -> None:
    try:
        flush_views()
    except Exception:  # the database may already be gone at interpreter exit
        pass


atexit.register(_flush_at_exit)
