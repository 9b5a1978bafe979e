"""The real services the production-mode tests use (never mocked): Redis, RabbitMQ, the PostgreSQL primary and
its replica, all on 127.0.0.1. Without one, a test skips and says which; with ``CI=true`` it fails instead,
since the CI machine runs them all (``make test`` starts the replica with ``make replica``)."""

import os
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REDIS_URL = os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
REDIS_BROKER_URL = os.environ.get("GONGKAI_TEST_REDIS_BROKER_URL", "redis://127.0.0.1:6379/6")
AMQP_URL = os.environ.get("GONGKAI_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")
PRIMARY_URL = os.environ.get("GONGKAI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REPLICA_URL = os.environ.get("GONGKAI_TEST_REPLICA_URL", "postgresql://postgres@127.0.0.1:5433/postgres")


def _reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1).close()
    except OSError:
        return False
    return True


def need(service: str, url: str, default_port: int, *, detail: str = "") -> None:
    if _reachable(url, default_port):
        return
    reason = f"{service} is not running at {urlsplit(url).hostname}:{urlsplit(url).port or default_port}"
    reason += f"\n{detail}" if detail else ""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: the production-mode tests need it when CI=true")
    pytest.skip(f"{reason} (production-mode test; runs for real when CI=true)")


def need_redis() -> str:
    need("Redis", REDIS_URL, 6379)
    return REDIS_URL


def need_rabbitmq() -> str:
    need("RabbitMQ", AMQP_URL, 5672)
    return AMQP_URL


def need_postgres() -> str:
    need("PostgreSQL", PRIMARY_URL, 5432)
    return PRIMARY_URL


REPLICA_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "replica.sh"
_replica_started: list[str] = []


def need_replica() -> str:
    """The replica ``make test`` started; when it is not answering (it stopped, or ``make replica`` failed), the
    script is run once more from here, and its output goes into the failure so the cause is on the page."""
    need_postgres()
    detail = ""
    if not _reachable(REPLICA_URL, 5433) and not _replica_started and os.environ.get("GONGKAI_TEST_PRODUCTION"):
        run = subprocess.run([str(REPLICA_SCRIPT)], capture_output=True, text=True, timeout=300)
        _replica_started.append(f"scripts/replica.sh (exit {run.returncode}):\n{run.stdout}{run.stderr}")
    if _replica_started:
        detail = _replica_started[0]
    need("The PostgreSQL replica (make replica)", REPLICA_URL, 5433, detail=detail)
    return REPLICA_URL


def worker_redis_db() -> int:
    """The Redis database of this test process: tests clear the cache (FLUSHDB) when they start and end, so each
    xdist worker of each run has one of its own. A run's first database is GONGKAI_TEST_REDIS_DB (7 unless set;
    scripts/test.sh gives the PostgreSQL run, which runs beside the SQLite one, 10); the production-mode tests'
    deployments use 5 and 6 (REDIS_URL, REDIS_BROKER_URL)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    first = int(os.environ.get("GONGKAI_TEST_REDIS_DB", "7"))
    return first + min(int(worker[2:]) if worker[2:].isdigit() else 0, 2)


def redis_cache_settings(url: str) -> dict:
    """The cache of an in-process test: the worker's own Redis database (``worker_redis_db``)."""
    parts = urlsplit(url)
    url = parts._replace(path=f"/{worker_redis_db()}").geturl() if "GONGKAI_TEST_REDIS_URL" not in os.environ else url
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                        "KEY_PREFIX": "gk_engines_test"}}


def production_tests_enabled() -> None:
    """The out-of-process production tests run in their own block of scripts/test.sh (after the suite), not
    inside the SQLite and PostgreSQL passes: GONGKAI_TEST_PRODUCTION=1 asks for them."""
    if not os.environ.get("GONGKAI_TEST_PRODUCTION"):
        pytest.skip("production-mode test: runs in scripts/test.sh's production block (CI=true), "
                    "or with GONGKAI_TEST_PRODUCTION=1")
