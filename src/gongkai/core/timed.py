"""Timed work: jobs that a deployment runs every minute through ``gongkai tick``.

Each app names the modules that define its jobs in ``AppConfig.ready`` (``register_timed_job_modules``); they
are imported when the jobs are first listed or run (``gongkai tick``, the timer, the queue page), not by every
command's start. A job must be idempotent: running it twice in the same
minute, or after a missed minute, leaves the same state and writes each event once. ``run_job`` is the one
entry point: it takes the job's single-flight lock (``core.single_flight``), so two runs never overlap, and a
run that finds the lock taken skips. A job queue (a Celery task ``run_job.delay(name)``) calls the same entry
point as the in-process timer: one definition of each job. Side effects inside a job are made once by
``claim_once`` (``core.JobMark``), which holds even if two runs do overlap.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.db import IntegrityError, transaction

from gongkai.core.single_flight import DEFAULT_LEASE_SECONDS, single_flight

logger = logging.getLogger(__name__)

SKIPPED = "skipped: another run of this job is in progress"


@dataclass(frozen=True)
class TimedJob:
    name: str
    run: Callable[[], int]  # returns how many objects it changed
    description: str = ""
    lease_seconds: int = DEFAULT_LEASE_SECONDS  # how long a lock held by a crashed run blocks the job (SQLite, cache)


_JOBS: dict[str, TimedJob] = {}
_MODULES: list[str] = []


def register_timed_job_modules(*modules: str) -> None:
    """Modules whose import registers timed jobs (with ``@register_timed_job``): imported on first use."""
    _MODULES.extend(module for module in modules if module not in _MODULES)


def import_job_modules() -> None:
    while _MODULES:
        import_module(_MODULES.pop(0))


def register_timed_job(name: str, description: str = "", *, lease_seconds: int = DEFAULT_LEASE_SECONDS):
    def decorator(fn: Callable[[], int]) -> Callable[[], int]:
        _JOBS[name] = TimedJob(name=name, run=fn, description=description, lease_seconds=lease_seconds)
        return fn

    return decorator


def timed_jobs() -> list[TimedJob]:
    import_job_modules()
    return [_JOBS[name] for name in sorted(_JOBS)]


def timed_job(name: str) -> TimedJob:
    import_job_modules()
    return _JOBS[name]


def run_job(name: str) -> int | str:
    """Run one job under its lock: the count it returns, ``SKIPPED``, or ``"error: ..."`` (logged)."""
    import_job_modules()
    job = _JOBS[name]
    try:
        with single_flight(job.name, lease_seconds=job.lease_seconds) as acquired:
            if not acquired:
                logger.info("timed job %s skipped: another run holds its lock", job.name)
                return SKIPPED
            return job.run()
    except Exception as exc:  # one failing job must not stop the others
        logger.exception("timed job %s failed", job.name)
        return f"error: {exc}"


def run_timed_jobs() -> dict[str, int | str]:
    return {job.name: run_job(job.name) for job in timed_jobs()}


def is_error(outcome: int | str) -> bool:
    return isinstance(outcome, str) and outcome.startswith("error")


def claim_once(job: str, key: str) -> bool:
    """Mark (job, key) done in the current transaction; False when it was already done (by this or another run).

    Call it inside the ``transaction.atomic()`` of the side effect: if the side effect rolls back, so does the
    mark. On PostgreSQL a concurrent claim of the same key waits for the first transaction and then fails; on
    SQLite writers are serialised; either way exactly one claim wins.
    """
    from gongkai.core.models import JobMark

    try:
        with transaction.atomic():
            JobMark.objects.create(job=job, key=key[:200])
    except IntegrityError:
        return False
    return True
