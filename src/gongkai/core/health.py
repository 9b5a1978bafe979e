"""``/healthz``: the process answers. ``/readyz``: it can serve — the database answers, the cache keeps a value,
the broker (with a job queue) takes a connection; the replica's lag is reported (a lagging replica is skipped by
the router, so it does not make the process unready). JSON; 503 when not ready. Neither page needs a session
or the database for /healthz, so a load balancer may ask often."""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from gongkai.core import db_router, queue


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        result = check()
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300],
                "ms": round((time.perf_counter() - started) * 1000, 1)}
    return {"ok": True, **(result or {}), "ms": round((time.perf_counter() - started) * 1000, 1)}


def _database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"gongkai:readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _broker():
    if not queue.broker_reachable():
        raise RuntimeError("broker unreachable")


@never_cache
def healthz(request):
    return JsonResponse({"status": "alive"})


@never_cache
def readyz(request):
    checks = {"database": _timed(_database), "cache": _timed(_cache)}
    if queue.queue_enabled():
        checks["broker"] = _timed(_broker)
    if db_router.replica_configured():
        lag = db_router.replica_lag_seconds()
        checks["replica"] = {"ok": lag is not None and lag <= settings.GONGKAI_REPLICA_MAX_LAG_SECONDS,
                             "lag_seconds": lag, "max_lag_seconds": settings.GONGKAI_REPLICA_MAX_LAG_SECONDS,
                             "required": False}
    ready = all(c["ok"] for c in checks.values() if c.get("required", True))
    return JsonResponse({"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503)
