"""The job queue of production mode: Celery, with Redis (``redis://``) or RabbitMQ (``amqp://``) as the broker
(``GONGKAI_BROKER_URL``). Without a broker nothing here runs: the in-process minute timer (``gongkai timer``)
calls the same ``run_job`` for every timed job, one definition of each.

- ``gongkai.tick`` is sent by celery beat every ``GONGKAI_TICK_SECONDS`` with the period it belongs to, and
  fans out one ``gongkai.run_periodic`` task per timed job, so several workers share them.
- ``gongkai.run_periodic`` claims (job, period) once for the whole cluster — in the shared cache, or in the
  database (``core.JobMark``) without one — then runs the job through ``run_job`` (its single-flight lock).
  With two beats alive (one per scheduler host, for failover) each job still runs once per period.
- ``gongkai.send_outbox`` sends due outbox rows at once after the transaction that queued them commits; rows
  are claimed one by one (core/outbox.py), so any number of these may run side by side.
- ``gongkai.sweep_chunk`` does one chunk of a long sweep (core/sweeps.py): a run's chunks are shared by every
  worker, each done once.
- ``gongkai.run_job`` runs one job now (the staff page's "run now", and the tests).

Tasks are acknowledged after they finish (``acks_late``) and given back to the broker when the worker process
dies (``reject_on_worker_lost``): a worker killed in the middle of a task leaves it to another worker, and the
job's own idempotence (``claim_once``) keeps its side effects single. A task that raises is recorded for staff
(``/staff/queue/``) through the ``task_failure`` signal.
"""

import logging
import time
from datetime import timedelta

from celery import Celery, signals
from celery.beat import BeatLazyFunc
from django.conf import settings

logger = logging.getLogger(__name__)

app = Celery("gongkai")
TICK = "gongkai.tick"
CLAIM_SECONDS = 24 * 3600


def queue_enabled() -> bool:
    return bool(getattr(settings, "GONGKAI_BROKER_URL", ""))


def tick_seconds() -> int:
    return int(getattr(settings, "GONGKAI_TICK_SECONDS", 60))


def current_period() -> str:
    """The period a tick belongs to, computed when beat sends it: every beat sending within the same interval
    names the same period."""
    seconds = tick_seconds()
    return f"{seconds}:{int(time.time() // seconds)}"


def configure() -> None:
    app.conf.update(
        broker_url=settings.GONGKAI_BROKER_URL or "memory://",
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": settings.GONGKAI_BROKER_VISIBILITY_SECONDS},
        task_default_queue=settings.GONGKAI_QUEUE_NAME,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        timezone=settings.TIME_ZONE,
        worker_hijack_root_logger=False,
        beat_schedule={
            "gongkai-tick": {"task": TICK, "schedule": timedelta(seconds=tick_seconds()),
                             "kwargs": {"period": BeatLazyFunc(current_period)},
                             # a tick nobody took within its interval is dropped: the next one follows
                             "options": {"expires": tick_seconds()}},
        },
    )


def claim_period(name: str, period: str) -> bool:
    """True for the first claim of (job, period) in the whole cluster."""
    from django.core.cache import cache

    from gongkai.core.single_flight import LOCAL_CACHES
    from gongkai.core.timed import claim_once

    if settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1] not in LOCAL_CACHES:
        return cache.add(f"gongkai:period:{name}:{period}", 1, timeout=CLAIM_SECONDS)
    from django.db import transaction

    with transaction.atomic():
        return claim_once(f"period:{name}", period)


@app.task(name=TICK)
def tick(period: str) -> int:
    from gongkai.core.timed import timed_jobs

    jobs = timed_jobs()
    for job in jobs:
        run_periodic.delay(job.name, period)
    return len(jobs)


@app.task(name="gongkai.run_periodic", bind=True)
def run_periodic(self, name: str, period: str):
    if not claim_period(name, period):
        logger.info("periodic job %s, period %s: already run by another scheduler's tick", name, period)
        return "claimed"
    return _run(self, name, period)


@app.task(name="gongkai.run_job", bind=True)
def run_job_now(self, name: str):
    return _run(self, name, "")


def _run(task, name: str, period: str):
    from gongkai.core.timed import is_error, run_job

    outcome = run_job(name)
    if is_error(outcome):   # run_job keeps one failing job from stopping the others; staff still see it
        _record(task.name, task.request.id, repr((name, period)), outcome)
    return outcome


def _record(task: str, task_id, arguments: str, error: str) -> None:
    from gongkai.core.models import TaskFailure

    try:
        TaskFailure.objects.create(task=task[:200], task_id=str(task_id or "")[:64], arguments=arguments[:2000],
                                   error=error[:2000])
    except Exception:
        logger.exception("could not record the failure of task %s", task_id)


@app.task(name="gongkai.run_background_work")
def run_background_work(pk: int) -> None:
    """Long work a staff page started (gongkai.core.background), run by a worker when there is a queue."""
    from gongkai.core.background import run

    run(pk)


@app.task(name="gongkai.sweep_chunk", bind=True, max_retries=3)
def sweep_chunk(self, name: str, run_id: int, first: int, last: int):
    """One chunk of a long sweep (core.sweeps); any number of workers share a run's chunks."""
    from gongkai.core import sweeps

    try:
        return sweeps.run_chunk(name, run_id, first, last)
    except Exception as exc:   # nothing was marked done: try again later, then leave it to staff (failed tasks)
        raise self.retry(exc=exc, countdown=30 * (self.request.retries + 1)) from exc


@app.task(name="gongkai.send_outbox")
def send_outbox() -> int:
    from gongkai.core.outbox import send_due_messages

    return send_due_messages()


def dispatch_outbox() -> None:
    """After a transaction queued mail or SMS: have a worker send it now (the tick retries it later anyway)."""
    if not queue_enabled():
        return
    try:
        send_outbox.delay()
    except Exception:   # the broker is down: the rows are safe in the outbox, the next tick sends them
        logger.warning("broker unreachable: outbox rows wait for the next tick", exc_info=True)


def queue_depth() -> int | None:
    """Tasks waiting in the queue (both brokers answer a passive declare with the count); None when down."""
    if not queue_enabled():
        return None
    try:
        with app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1)
            return connection.default_channel.queue_declare(
                queue=settings.GONGKAI_QUEUE_NAME, passive=True).message_count
    except Exception as exc:
        if "NOT_FOUND" in str(exc) or "no queue" in str(exc).lower():
            return 0
        logger.warning("queue depth unknown: %s", exc)
        return None


def broker_reachable() -> bool:
    try:
        with app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@signals.task_failure.connect
def _record_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None, **_):
    _record(getattr(sender, "name", str(sender)), task_id, repr((args, kwargs)), f"{type(exception).__name__}: {exception}")
