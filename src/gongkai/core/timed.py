"""Timed work: jobs that a deployment runs every minute through ``gongkai tick``.

Each app registers its jobs in ``AppConfig.ready``. A job must be idempotent: running it twice in the same
minute, or after a missed minute, leaves the same state and writes each event once.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TimedJob:
    name: str
    run: Callable[[], int]  # returns how many objects it changed
    description: str = ""


_JOBS: dict[str, TimedJob] = {}


def register_timed_job(name: str, description: str = ""):
    def decorator(fn: Callable[[], int]) -> Callable[[], int]:
        _JOBS[name] = TimedJob(name=name, run=fn, description=description)
        return fn

    return decorator


def timed_jobs() -> list[TimedJob]:
    return [_JOBS[name] for name in sorted(_JOBS)]


def run_timed_jobs() -> dict[str, int | str]:
    results: dict[str, int | str] = {}
    for job in timed_jobs():
        try:
            results[job.name] = job.run()
        except Exception as exc:  # one failing job must not stop the others
            logger.exception("timed job %s failed", job.name)
            results[job.name] = f"error: {exc}"
    return results
