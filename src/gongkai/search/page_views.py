"""Page views without a database write per request: each process counts in memory and writes its counts in
one batch at most once a minute (and from ``gongkai tick``). Nothing personal is kept — no address, no cookie.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from gongkai.core.time import local_today

logger = logging.getLogger(__name__)
FLUSH_EVERY = 60.0
# Distinct (day, site, item) keys a process keeps between flushes. Only served pages of published items are
# counted, so this is the number of items read in a minute; beyond it views are dropped rather than memory.
MAX_PENDING = 50_000
MAX_ID = 2 ** 63 - 1
_lock = threading.Lock()
_pending: Counter = Counter()
_last_flush = time.monotonic()


def _valid_id(value) -> bool:
    return type(value) is int and 0 < value <= MAX_ID


def _add(key, n: int) -> None:
    if key in _pending or len(_pending) < MAX_PENDING:
        _pending[key] += n


def record_view(agency_id: int, item_id: int | None = None) -> None:
    """Count one view; ids that no table row could have are not counted (they are not views of anything)."""
    if not _valid_id(agency_id) or not (item_id is None or _valid_id(item_id)):
        return
    day = local_today()
    with _lock:
        _add((day, agency_id, None), 1)
        if item_id is not None:
            _add((day, agency_id, item_id), 1)
        due = time.monotonic() - _last_flush >= FLUSH_EVERY
    if due:
        try:
            flush_views()
        except Exception:   # counting never breaks the visitor's page
            logger.exception("page views: flush failed")


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
    if not counts:
        return 0
    try:
        later = add_page_views(counts)
    except Exception:
        later = counts
        raise
    finally:
        if later:   # a locked or lost database: the counts wait for the next flush
            with _lock:
                for key, n in later.items():
                    _add(key, n)
    return len(counts) - len(later)


def _flush_at_exit() -> None:
    try:
        flush_views()
    except Exception:  # the database may already be gone at interpreter exit
        pass


atexit.register(_flush_at_exit)
