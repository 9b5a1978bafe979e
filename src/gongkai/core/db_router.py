"""Reads from a PostgreSQL streaming replica (production mode, ``GONGKAI_REPLICA_DATABASE_URL``).

Only the portal's anonymous GET requests read from the replica; every write, everything staff do, every
request of a visitor who sent a form a moment ago (a cookie kept ``GONGKAI_REPLICA_STICKY_SECONDS``), timed
work and the CLI read from the primary. A replica whose replay lags more than
``GONGKAI_REPLICA_MAX_LAG_SECONDS`` (or that cannot be asked, or has lost its primary) is skipped until it
catches up; its lag is asked at most once a second per process.

``ReplicaMiddleware`` decides per request and the router reads that decision from a context variable, so code
outside a request (jobs, commands, tests) never touches the replica.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
STICKY_COOKIE = "gongkai_primary"
LAG_CHECK_SECONDS = 1.0
_use_replica: ContextVar[bool] = ContextVar("gongkai_use_replica", default=False)
_lag: dict[str, float] = {"checked": -1e9, "seconds": float("inf")}

# On a standby: 0 while every received change is replayed, else the age of the last replayed transaction;
# NULL when no WAL receiver streams from the primary.
LAG_SQL = """
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN NULL
            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END
"""


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES and bool(getattr(settings, "GONGKAI_REPLICA_DATABASE_URL", ""))


def replica_window_seconds() -> float:
    """How long after a change a page may still read from a replica that has not got it (0 without one)."""
    if not replica_configured():
        return 0.0
    return float(settings.GONGKAI_REPLICA_MAX_LAG_SECONDS) + LAG_CHECK_SECONDS


def replica_lag_seconds() -> float | None:
    """The replica's replay lag in seconds; None when it cannot be asked or streams from no primary."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(LAG_SQL)
            value = cursor.fetchone()[0]
    except Exception as exc:
        logger.warning("replica lag unknown: %s", exc)
        return None
    return None if value is None else float(value)


def replica_usable() -> bool:
    now = time.monotonic()
    if now - _lag["checked"] >= LAG_CHECK_SECONDS:
        lag = replica_lag_seconds()
        _lag.update(checked=now, seconds=float("inf") if lag is None else lag)
    return _lag["seconds"] <= settings.GONGKAI_REPLICA_MAX_LAG_SECONDS


@contextmanager
def reads_from_primary():
    token = _use_replica.set(False)
    try:
        yield
    finally:
        _use_replica.reset(token)


@contextmanager
def reads_from_replica():
    token = _use_replica.set(replica_configured() and replica_usable())
    try:
        yield
    finally:
        _use_replica.reset(token)


def reading_from_replica() -> bool:
    return _use_replica.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _use_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def _anonymous_public_read(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.COOKIES.get(STICKY_COOKIE):
        return False
    path = request.path_info
    if path.startswith(("/staff/", "/django-admin/", "/api/", "/accounts/", "/login", "/logout")):
        return False
    # A signed-in officer reads the portal from the primary too; the session is only looked at when a cookie
    # says there is one (it would otherwise be a lookup for every visitor).
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
    return True


class ReplicaMiddleware:
    """After the authentication middleware: route the request's reads, and keep a visitor who sent a form on
    the primary for a while (read-your-own-writes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        if _anonymous_public_read(request):
            with reads_from_replica():
                response = self.get_response(request)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            return response
        with reads_from_primary():
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(STICKY_COOKIE, "1", max_age=settings.GONGKAI_REPLICA_STICKY_SECONDS,
                                httponly=True, samesite="Lax", secure=request.is_secure())
        return response
