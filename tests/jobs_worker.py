"""Run by test_security_jobs in separate OS processes against one database:

``setup DUE``    the standard personas, DUE open applications whose reply is due tomorrow (a working day) and one
                 due in ten working days, and a few published items;
``remind AT``    wait until the Unix time AT, then run the reminder job through ``run_job`` (its lock);
``bare AT``      the same without the lock (the service itself), to prove the once-only marks;
``hold SECONDS`` take the reminder job's lock, print "held", keep it SECONDS;
``write STOP``   write in short transactions until the file STOP exists (another user of the database);
``check``        print the reminders as JSON.
"""

import datetime as dt
import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import django

django.setup()

from django.db import transaction  # noqa: E402

JOB = "cases.remind_handlers"


def setup(due: int) -> None:
    from gongkai.calendars.official import current_calendar
    from gongkai.cases.models import Application
    from gongkai.cases.services import accept_application
    from gongkai.cases.tests.factories import walk_in
    from gongkai.core.time import local_today
    from tests.catalog_helpers import published
    from tests.personas import build_personas

    personas = build_personas()
    handler = personas["handler_a"]
    handler.email = "handler@example.com"
    handler.save()
    today = local_today()
    calendar = current_calendar()
    tomorrow = calendar.add_working_days(today, 1).due
    later = calendar.add_working_days(today, 10).due
    for n in range(due + 1):
        app = walk_in(handler, personas.dept_a, arrived_on=today - dt.timedelta(days=5))
        accept_application(actor=handler, app=app)
        # The reply dates are set here so that the test does not depend on today's calendar.
        Application.objects.filter(pk=app.pk).update(reply_due_on=tomorrow if n < due else later)
    for n in range(5):
        published(personas, title=f"并发写入时发布的第{n}份通知")


def _wait_until(at: float) -> None:
    time.sleep(max(0.0, at - time.time()))


def remind(at: float, *, locked: bool) -> None:
    from gongkai.cases.services import remind_handlers
    from gongkai.core.timed import run_job

    _wait_until(at)
    print(run_job(JOB) if locked else remind_handlers())


def hold(seconds: float) -> None:
    from gongkai.core.single_flight import single_flight

    with single_flight(JOB) as acquired:
        print("held" if acquired else "not held", flush=True)
        time.sleep(seconds)


def write(stop: str) -> None:
    from gongkai.core.models import JobMark

    n = 0
    while not os.path.exists(stop):
        with transaction.atomic():
            JobMark.objects.create(job="test.writer", key=f"{os.getpid()}:{n}")
            time.sleep(0.02)  # a write transaction that holds the lock for a while, like a real service
        n += 1
        # Busy traffic, not a writer that never lets go: SQLite's busy handler polls, it keeps no queue.
        time.sleep(0.03)
    print(n)


def check() -> None:
    from gongkai.core.models import Event, JobMark, OutboxMessage

    print(json.dumps({
        "outbox": sorted(OutboxMessage.objects.filter(dedupe_key__startswith=JOB).values_list("dedupe_key", flat=True)),
        "events": Event.objects.filter(action="case.reminder_sent").count(),
        "marks": JobMark.objects.filter(job=JOB).count(),
    }))


if __name__ == "__main__":
    verb, args = sys.argv[1], sys.argv[2:]
    if verb == "setup":
        setup(int(args[0]))
    elif verb in {"remind", "bare"}:
        remind(float(args[0]), locked=verb == "remind")
    elif verb == "hold":
        hold(float(args[0]))
    elif verb == "write":
        write(args[0])
    else:
        check()
