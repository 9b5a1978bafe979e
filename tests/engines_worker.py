"""Run by the production-mode tests (test_engines_production) in separate OS processes, with the environment of
the deployment under test (GONGKAI_DATABASE_URL, GONGKAI_REDIS_URL, GONGKAI_BROKER_URL, …):

``setup``            migrate, the standard personas and one published item of department A
``publish TITLE``    publish an item of department A through the catalog's workflow (its on-commit receivers run)
``session USER``     print the key of a signed-in session of USER (a staff member's browser)
``mail TO``          queue one mail in the outbox (sent by the queue once the transaction commits)
``slow``             have a worker run the slow probe job (``run_job`` task)
``links N``          publish N items of department A, each linking to two other websites (one shared)
``sweep NAME [here]`` start a run of a long sweep (its chunks to the queue, or done in this process); print its id

The ``-A tests.engines_worker`` Celery app is the product's, plus two probe jobs the tests watch:
``tests.probe`` (appends a line to GONGKAI_TEST_PROBE_FILE) and ``tests.slow_probe`` (writes "start", sleeps
GONGKAI_TEST_SLOW_SECONDS, then makes its side effect once with ``claim_once`` and writes "done").
"""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from gongkai.config.celery import app
from gongkai.core.timed import claim_once, register_timed_job

__all__ = ["app"]


def _note(line: str) -> None:
    with open(os.environ["GONGKAI_TEST_PROBE_FILE"], "a") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())


if os.environ.get("GONGKAI_TEST_PROBE_FILE"):
    @register_timed_job("tests.probe", "测试：记录每次运行")
    def probe() -> int:
        _note(f"run {time.time():.3f} {os.getpid()}")
        return 1

    @register_timed_job("tests.slow_probe", "测试：运行较慢、只生效一次的任务", lease_seconds=2)
    def slow_probe() -> int:
        from django.db import transaction

        if os.environ.get("GONGKAI_TEST_SLOW_SECONDS") is None:
            return 0
        _note(f"start {os.getpid()}")
        time.sleep(float(os.environ["GONGKAI_TEST_SLOW_SECONDS"]))
        with transaction.atomic():
            done = claim_once("tests.slow_probe", "the-side-effect")
        _note(f"done {os.getpid()} {'effect' if done else 'already'}")
        return int(done)


def setup() -> None:
    from django.core.management import call_command

    from tests.catalog_helpers import published
    from tests.personas import build_personas

    call_command("migrate", verbosity=0)
    personas = build_personas()
    published(personas, title="生产模式测试的第一份通知")


def publish(title: str) -> None:
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency
    from gongkai.catalog import services

    users = {u.username: u for u in get_user_model().objects.all()}
    item = services.create_item(actor=users["editor_a"], agency=Agency.objects.get(code="dept-a"), title=title,
                                summary="生产模式测试。", body="<p>发布。</p>")
    services.submit_item(actor=users["editor_a"], item=item)
    services.review_item(actor=users["reviewer_a"], item=item)
    services.secrecy_review_item(actor=users["secrecy_a"], item=item)
    services.publish_item(actor=users["publisher"], item=item)
    print(item.pk)


def session(username: str) -> None:
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

    user = get_user_model().objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    print(store.session_key)


def mail(to: str) -> None:
    from django.db import transaction

    from gongkai.core.outbox import queue_mail

    with transaction.atomic():
        message = queue_mail(to=to, subject="生产模式测试邮件", body="邮件正文。")
    print(message.pk)


def slow() -> None:
    from gongkai.core.queue import run_job_now

    run_job_now.delay("tests.slow_probe")


def links(count: str) -> None:
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency
    from gongkai.catalog import services

    users = {u.username: u for u in get_user_model().objects.all()}
    for n in range(int(count)):
        body = f'<p><a href="https://www.gov.cn/{n}.htm">{n}</a><a href="https://www.gov.cn/all.htm">总</a></p>'
        item = services.create_item(actor=users["editor_a"], agency=Agency.objects.get(code="dept-a"),
                                    title=f"含外部链接的通知{n}", summary="链接。", body=body)
        services.submit_item(actor=users["editor_a"], item=item)
        services.review_item(actor=users["reviewer_a"], item=item)
        services.secrecy_review_item(actor=users["secrecy_a"], item=item)
        services.publish_item(actor=users["publisher"], item=item)


def sweep(name: str, where: str = "") -> None:
    from gongkai.core import sweeps

    run = sweeps.start(name, queue=where != "here")
    if where == "here":
        for first, last in run.chunks:
            sweeps.run_chunk(name, run.pk, first, last)
    print(run.pk)


if __name__ == "__main__":
    verb, *rest = sys.argv[1:]
    {"setup": setup, "publish": publish, "session": session, "mail": mail, "slow": slow, "links": links,
     "sweep": sweep}[verb](*rest)
