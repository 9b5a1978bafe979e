"""Long work that a staff page starts and then shows as it goes: a catalog import, a report's statistics.

The page creates a ``BackgroundWork`` row with :func:`start` and answers at once with a page that follows it
(``/staff/work/<id>/``); the work runs beside the request and writes its progress into the row, which the page
reads every second (a small JSON endpoint) until the work has ended and the page shows its outcome.

Where it runs (``GONGKAI_BACKGROUND_WORK``):

- ``thread`` (the embedded default, no queue): a thread of the web process, started when the request's
  transaction commits;
- ``queue``: a Celery task (``gongkai.run_background_work``) on the job queue — the default when
  ``GONGKAI_BROKER_URL`` is set, so the work survives neither the request nor the web worker's recycling;
- ``inline``: at once, in the request (the tests; a deployment that wants no threads).

A runner is named by kind (``register_runner("catalog.import", "dotted.path")``, in the owning interface's
``AppConfig.ready``) and called as ``runner(work, on_progress) -> dict``; its dict is the work's ``result``. A
``DomainError`` it raises is the work's message (state ``failed``) in the user's words; any other exception is
logged and the message says the work did not finish. Progress is written to the row at most every
``PROGRESS_INTERVAL`` seconds (and at the end), outside the runner's own transactions, so the page sees it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.deferred import by_path
from gongkai.core.errors import DomainError

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5
_RUNNERS: dict[str, Callable] = {}


def register_runner(kind: str, dotted: str) -> None:
    _RUNNERS[kind] = by_path(dotted)


def mode() -> str:
    chosen = getattr(settings, "GONGKAI_BACKGROUND_WORK", "")
    if chosen:
        return chosen
    return "queue" if getattr(settings, "GONGKAI_BROKER_URL", "") else "thread"


def start(kind: str, *, actor, label: str, arguments: dict, data: bytes = b""):
    """Create the work and have it run (after the request's transaction commits); returns the row."""
    from gongkai.core.models import BackgroundWork

    if kind not in _RUNNERS:
        raise KeyError(f"no runner registered for background work {kind!r}")
    work = BackgroundWork.objects.create(kind=kind, label=label[:200], started_by=actor, arguments=arguments,
                                         data=data)
    how = mode()
    if how == "inline":
        run(work.pk)
        work.refresh_from_db()
    elif how == "queue":
        from gongkai.core.queue import run_background_work

        transaction.on_commit(lambda: run_background_work.delay(work.pk))
    else:
        transaction.on_commit(lambda: threading.Thread(target=_run_in_thread, args=(work.pk,), daemon=True,
                                                       name=f"background-work-{work.pk}").start())
    return work


def _run_in_thread(pk: int) -> None:
    try:
        run(pk)
    finally:
        connection.close()   # the thread's own connection


def run(pk: int) -> None:
    """Run one waiting work to its end (a thread, a queue worker, or inline). A work already started elsewhere
    (a task delivered twice) is left alone."""
    from gongkai.core.models import BackgroundWork

    if not connection.in_atomic_block:   # a worker or thread; inline, the request's own transaction stays open
        close_old_connections()
    now = timezone.now()
    if not BackgroundWork.objects.filter(pk=pk, state=BackgroundWork.State.WAITING).update(
            state=BackgroundWork.State.RUNNING, started_at=now, updated_at=now):
        return
    work = BackgroundWork.objects.get(pk=pk)
    reporter = _Reporter(pk)
    fields = {"data": b"", "finished_at": None, "updated_at": None}
    try:
        result = _RUNNERS[work.kind](work, reporter)
    except DomainError as exc:
        fields.update(state=BackgroundWork.State.FAILED, message=str(exc))
    except Exception:
        logger.exception("background work %s (%s) failed", pk, work.kind)
        fields.update(state=BackgroundWork.State.FAILED, message=_("处理中出现内部错误，未完成；请稍后重试或联系管理员。"))
    else:
        fields.update(state=BackgroundWork.State.DONE, result=result or {})
    reporter.flush()
    fields["finished_at"] = fields["updated_at"] = timezone.now()
    BackgroundWork.objects.filter(pk=pk).update(**fields)


class _Reporter:
    """The ``on_progress(done, total)`` a runner passes to the services: throttled writes of the row."""

    def __init__(self, pk: int, *, clock: Callable[[], float] = time.monotonic):
        self.pk = pk
        self.clock = clock
        self.done = 0
        self.total: int | None = None
        self._written_at: float | None = None
        self._pending = False

    def __call__(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        self._pending = True
        now = self.clock()
        if self._written_at is None or now - self._written_at >= PROGRESS_INTERVAL:
            self.flush()
            self._written_at = now

    def flush(self) -> None:
        from gongkai.core.models import BackgroundWork

        if self._pending:
            BackgroundWork.objects.filter(pk=self.pk).update(done=self.done, total=self.total,
                                                             updated_at=timezone.now())
            self._pending = False


def status(work) -> dict:
    """What the following page shows, as JSON: counts, share, time left (seconds, or None when not known)."""
    share = min(1.0, work.done / work.total) if work.total else None
    left = None
    if work.state == work.State.RUNNING and work.started_at and work.done and work.total:
        elapsed = ((work.updated_at or timezone.now()) - work.started_at).total_seconds()
        left = max(0, round(elapsed * (work.total - work.done) / work.done))
    return {
        "id": work.pk, "kind": work.kind, "label": work.label, "state": work.state,
        "state_label": str(work.get_state_display()), "done": work.done, "total": work.total,
        "share": share, "seconds_left": left, "finished": work.finished, "message": work.message,
    }
