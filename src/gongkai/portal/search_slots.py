"""At most ``GONGKAI_SEARCH_SLOTS`` searches run at once on this machine; the others wait a moment, then are
told "busy, try again" (ADR 0069).

A slot is an exclusive ``flock`` on one of the files ``slot-0`` … ``slot-<n-1>`` in
``GONGKAI_SEARCH_SLOTS_DIR``: every gunicorn worker and thread of the machine sees the same locks, and the kernel
releases a lock when its process ends, however it ends (a worker killed in the middle of a search leaves no
slot taken, which a counter in Redis would). Each app server counts its own searches: what the limit protects is
the machine's workers and cores.
"""

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

POLL_SECONDS = 0.002


def _try_lock(directory: Path, slots: int) -> int | None:
    directory.mkdir(parents=True, exist_ok=True)
    start = os.getpid() % slots   # workers start at different slots: fewer failed tries under load
    for n in range(slots):
        fd = os.open(directory / f"slot-{(start + n) % slots}", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            os.close(fd)
    return None


@contextmanager
def search_slot():
    """Yield True with a slot held (or with no limit set), False when none came free in time."""
    slots = settings.GONGKAI_SEARCH_SLOTS
    if slots <= 0:
        yield True
        return
    directory = Path(settings.GONGKAI_SEARCH_SLOTS_DIR)
    deadline = time.monotonic() + max(settings.GONGKAI_SEARCH_WAIT_MS, 0) / 1000
    fd = _try_lock(directory, slots)
    while fd is None and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        fd = _try_lock(directory, slots)
    if fd is None:
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)   # closing the last descriptor releases the lock
