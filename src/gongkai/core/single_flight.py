"""Single-flight locks for timed work: two runs of the same job never overlap, whichever process or machine
starts them. The loser does not wait; it skips this run (the job runs again next minute).

Which lock (``GONGKAI_JOB_LOCK``):
- ``database`` (the default): on PostgreSQL a session advisory lock (``pg_try_advisory_lock``), released by the
  server the moment the holder's connection ends, even after ``kill -9``; on SQLite a lease row
  (``core.JobLease``) taken in an immediate write transaction, which a dead holder leaves to expire.
- ``cache``: the shared cache's atomic ``add`` (Redis, Memcached) with the same expiry, for deployments whose
  schedulers share a cache; refused with a per-process cache, which would lock nothing.

The lock only saves work: every side effect is also made once by its own unique key (``core.jobs.claim_once``).
"""

import hashlib
import os
import socket
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

DEFAULT_LEASE_SECONDS = 15 * 60
LOCAL_CACHES = ("LocMemCache", "DummyCache", "FileBasedCache", "DatabaseCache")


def lock_kind() -> str:
    kind = getattr(settings, "GONGKAI_JOB_LOCK", "database")
    if kind not in {"database", "cache"}:
        raise ImproperlyConfigured(f"GONGKAI_JOB_LOCK must be 'database' or 'cache', not {kind!r}")
    if kind == "cache":
        backend = settings.CACHES["default"]["BACKEND"]
        if backend.rsplit(".", 1)[-1] in LOCAL_CACHES:
            raise ImproperlyConfigured(
                f"GONGKAI_JOB_LOCK=cache needs a cache shared by every process (Redis, Memcached), not {backend}")
    return kind


def _holder() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _advisory_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(f"gongkai.job:{name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def _postgres_lock(name: str):
    key = _advisory_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def _lease_row_lock(name: str, lease_seconds: int):
    from gongkai.core.models import JobLease

    holder = _holder()
    now = timezone.now()
    # On SQLite the transaction begins IMMEDIATE (config/database_url.py): the write lock is taken at BEGIN, so
    # the read and the write below are one step for every other process.
    with transaction.atomic():
        lease = JobLease.objects.select_for_update().filter(name=name).first()
        acquired = lease is None or lease.expires_at <= now
        if acquired:
            JobLease.objects.update_or_create(
                name=name, defaults={"holder": holder, "acquired_at": now,
                                     "expires_at": now + timedelta(seconds=lease_seconds)})
    try:
        yield acquired
    finally:
        if acquired:
            JobLease.objects.filter(name=name, holder=holder).delete()


@contextmanager
def _cache_lock(name: str, lease_seconds: int):
    from django.core.cache import cache

    key = f"gongkai:job-lock:{name}"
    holder = _holder()
    acquired = cache.add(key, holder, timeout=lease_seconds)
    try:
        yield acquired
    finally:
        # Not atomic, but a holder only ever deletes its own value: an expired lease taken over by another
        # run is left to that run.
        if acquired and cache.get(key) == holder:
            cache.delete(key)


@contextmanager
def single_flight(name: str, *, lease_seconds: int = DEFAULT_LEASE_SECONDS):
    """``with single_flight("cases.remind_handlers") as acquired:`` — run the job only when ``acquired``."""
    if lock_kind() == "cache":
        lock = _cache_lock(name, lease_seconds)
    elif connection.vendor == "postgresql":
        lock = _postgres_lock(name)
    else:
        lock = _lease_row_lock(name, lease_seconds)
    with lock as acquired:
        yield acquired
