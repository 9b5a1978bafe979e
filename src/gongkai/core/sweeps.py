"""Long sweeps cut into chunks that several workers share: the link checks over every published item, a search
reindex, the year's report drafts of every agency. One definition of each: ``register_sweep`` names the sweep,
how to cut it (``chunks()``, ranges of ids computed once when a run starts) and what one chunk does
(``run_chunk(first, last)``, idempotent: doing it twice leaves the same state). A sweep may take one argument
fixed when its run starts (the report year): then ``chunks(argument)`` and ``run_chunk(first, last, argument)``.

- ``start(name)`` records a ``core.SweepRun`` with its chunks. With a job queue (``GONGKAI_BROKER_URL``) every
  chunk becomes a ``gongkai.sweep_chunk`` task, so every worker takes its share; without one the in-process
  timer's job ``core.sweeps`` works through the chunks of unfinished runs, a minute's budget a tick. Both call
  the same ``run_chunk`` here.
- A chunk runs once per run: its done mark (``JobMark`` ``sweep:<run>`` / ``<first>-<last>``) is claimed in the
  transaction of its work, under the chunk's single-flight lock, so a task delivered twice (a worker killed
  after the work, before the acknowledgement) or a timer and a worker on the same chunk do it once; a chunk
  whose work failed leaves no mark and is done again (the task retried, or the next tick). A sweep whose work
  is outside the database (files, requests: ``atomic=False``) claims its mark after the work, under the same
  lock; such work is idempotent, so a chunk redone after a crash leaves the same files.
- Periodic sweeps (``every=``) are started, with a queue, by the same ``core.sweeps`` job when their last run
  is older; ``gongkai sweep start NAME`` starts one now, ``gongkai sweep status`` shows the runs.
"""

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gongkai.core.single_flight import single_flight
from gongkai.core.timed import SKIPPED, claim_once, register_timed_job

logger = logging.getLogger(__name__)

TICK_BUDGET_SECONDS = 45     # the timer's share of a minute spent on chunks
DONE = "done"


@dataclass(frozen=True)
class Sweep:
    name: str
    description: str
    chunks: Callable[..., list[tuple[int, int]]]
    run_chunk: Callable[..., int]
    every: dt.timedelta | None = None
    default_argument: Callable[[], str] | None = None   # a sweep that takes an argument: its default
    atomic: bool = True   # the chunk's work in its mark's transaction; False for work outside the database

    def cut(self, argument: str) -> list[tuple[int, int]]:
        return self.chunks(argument) if self.default_argument else self.chunks()

    def work(self, first: int, last: int, argument: str) -> int:
        return self.run_chunk(first, last, argument) if self.default_argument else self.run_chunk(first, last)


_SWEEPS: dict[str, Sweep] = {}


def register_sweep(name: str, description: str, *, chunks: Callable[..., list[tuple[int, int]]],
                   every: dt.timedelta | None = None, default_argument: Callable[[], str] | None = None,
                   atomic: bool = True):
    def decorator(fn: Callable[..., int]) -> Callable[..., int]:
        _SWEEPS[name] = Sweep(name=name, description=description, chunks=chunks, run_chunk=fn, every=every,
                              default_argument=default_argument, atomic=atomic)
        return fn

    return decorator


def _registered() -> dict[str, Sweep]:
    """The sweeps, once the modules that declare them are imported (they are the timed-job modules the apps
    name, imported on first use so that quick commands stay quick)."""
    from gongkai.core.timed import import_job_modules

    import_job_modules()
    return _SWEEPS


def sweeps() -> list[Sweep]:
    registered = _registered()
    return [registered[name] for name in sorted(registered)]


def sweep(name: str) -> Sweep:
    return _registered()[name]


def id_ranges(ids, size: int) -> list[tuple[int, int]]:
    """Sorted ids cut into (first, last) ranges of ``size`` ids each (``GONGKAI_SWEEP_CHUNK`` when set)."""
    from django.conf import settings

    size = getattr(settings, "GONGKAI_SWEEP_CHUNK", 0) or size
    ids = list(ids)
    return [(ids[n], ids[min(n + size, len(ids)) - 1]) for n in range(0, len(ids), size)]


def _mark(run_id: int) -> str:
    return f"sweep:{run_id}"


def start(name: str, *, argument: str = "", queue: bool | None = None):
    """Start a run of the sweep ``name``: cut it now, and hand its chunks to the queue when there is one."""
    from django.conf import settings

    from gongkai.core.models import SweepRun

    item = sweep(name)
    if item.default_argument and not argument:
        argument = item.default_argument()
    chunks = [[int(a), int(b)] for a, b in item.cut(argument)]
    queue = bool(settings.GONGKAI_BROKER_URL) if queue is None else queue
    run = SweepRun.objects.create(name=name, argument=argument, chunks=chunks, queued=queue,
                                  finished_at=timezone.now() if not chunks else None)
    if queue and chunks:
        transaction.on_commit(lambda: dispatch(run))
    return run


def dispatch(run, chunks=None) -> int:
    """Send the run's chunks (or ``chunks``) as tasks; returns how many. ``resume`` sends the pending ones of
    a run again (after its tasks were lost, or failed three times)."""
    from gongkai.core.queue import sweep_chunk  # Celery is loaded only where a task is sent

    todo = chunks if chunks is not None else run.chunks
    for first, last in todo:
        sweep_chunk.delay(run.name, run.pk, first, last)
    return len(todo)


def run_chunk(name: str, run_id: int, first: int, last: int) -> int | str:
    """Do one chunk of a run once: the count it changed, ``DONE`` when already done, or ``SKIPPED`` when
    another process is doing it now. Raises when the work fails (nothing marked: it is done again)."""
    from gongkai.core.models import SweepRun

    argument = SweepRun.objects.filter(pk=run_id).values_list("argument", flat=True).first() or ""
    with single_flight(f"sweep:{run_id}:{first}", lease_seconds=3600) as acquired:
        if not acquired:
            return SKIPPED
        item, key = sweep(name), f"{first}-{last}"
        if item.atomic:
            with transaction.atomic():
                if not claim_once(_mark(run_id), key):
                    return DONE
                changed = item.work(first, last, argument)
        else:
            # Files written or websites asked: no transaction held open meanwhile (SQLite would block every
            # writer); the work is idempotent, and the lock keeps two runs of the chunk apart.
            if _is_done(run_id, key):
                return DONE
            changed = item.work(first, last, argument)
            with transaction.atomic():
                claim_once(_mark(run_id), key)
    _finish_if_done(run_id)
    return changed


def resume(run) -> int:
    return dispatch(run, pending_chunks(run)) if run.queued else run_pending()


def _is_done(run_id: int, key: str) -> bool:
    from gongkai.core.models import JobMark

    return JobMark.objects.filter(job=_mark(run_id), key=key).exists()


def done_chunks(run) -> set[str]:
    from gongkai.core.models import JobMark

    return set(JobMark.objects.filter(job=_mark(run.pk)).values_list("key", flat=True))


def pending_chunks(run) -> list[list[int]]:
    done = done_chunks(run)
    return [chunk for chunk in run.chunks if f"{chunk[0]}-{chunk[1]}" not in done]


def _finish_if_done(run_id: int) -> None:
    from gongkai.core.models import SweepRun

    run = SweepRun.objects.filter(pk=run_id, finished_at__isnull=True).first()
    if run is not None and not pending_chunks(run):
        SweepRun.objects.filter(pk=run_id, finished_at__isnull=True).update(finished_at=timezone.now())


def progress(run) -> tuple[int, int]:
    """(chunks done, chunks) of a run."""
    return len(done_chunks(run)), len(run.chunks)


def run_pending(*, budget_seconds: float = TICK_BUDGET_SECONDS, clock=time.monotonic) -> int:
    """The timer's share: work through the chunks of unfinished runs not handed to a queue, oldest run first,
    until ``budget_seconds`` are spent (the chunk under way finishes). Returns the chunks done."""
    from gongkai.core.models import SweepRun

    started, done = clock(), 0
    for run in SweepRun.objects.filter(finished_at__isnull=True, queued=False).order_by("started_at", "pk"):
        if run.name not in _SWEEPS:
            continue
        for first, last in pending_chunks(run):
            if clock() - started >= budget_seconds:
                return done
            outcome = run_chunk(run.name, run.pk, first, last)
            done += outcome not in (SKIPPED, DONE)
    return done


def start_due(now=None) -> list[str]:
    """With a job queue: start the periodic sweeps whose last run started ``every`` ago or longer (or never
    ran). The embedded default keeps its own rolling jobs (the link check's slice a minute) and starts sweeps
    only when asked (``gongkai sweep start``)."""
    from django.conf import settings

    from gongkai.core.models import SweepRun

    if not settings.GONGKAI_BROKER_URL:
        return []

    now = now or timezone.now()
    started = []
    for item in sweeps():
        if item.every is None:
            continue
        last = SweepRun.objects.filter(name=item.name).order_by("-started_at").first()
        if last is None or now - last.started_at >= item.every:
            with transaction.atomic():
                if claim_once(f"sweep-start:{item.name}", now.strftime("%Y%m%d%H%M")):
                    start(item.name)
                    started.append(item.name)
    return started


@register_timed_job("core.sweeps", "开始到期的分块任务；未配置任务队列时，在本分钟内处理未完成的分块")
def sweeps_job() -> int:
    start_due()
    return run_pending()
