"""Writers that follow the calendar: recomputing stored due dates, and reminders to handlers."""

import datetime as dt

from django.db import transaction

from gongkai.calendars.domain.workdays import WorkCalendar
from gongkai.calendars.official import current_calendar
from gongkai.cases.clockfacts import STORED_FIELDS, stored_clock
from gongkai.cases.domain.states import OPEN_STATES, State
from gongkai.cases.models import Application
from gongkai.cases.notify import mail_handlers
from gongkai.core.actors import System
from gongkai.core.events import events_for, record_event
from gongkai.core.time import local_today
from gongkai.core.timed import claim_once

REMIND_WITHIN_WORKING_DAYS = 3
REMINDER_JOB = "cases.remind_handlers"


def recompute_open_deadlines(*, calendar: WorkCalendar, changed_years: set[int], actor) -> int:
    """Registered with the calendars app: a changed year of the calendar moves open cases' dates, each with an event."""
    changed = 0
    apps = Application.objects.filter(state__in=[s.value for s in OPEN_STATES], received_on__isnull=False)
    for app in apps.select_related("agency").prefetch_related("consultations"):
        with transaction.atomic():
            app = Application.objects.select_for_update().get(pk=app.pk)
            values = stored_clock(app, calendar)
            before = {name: getattr(app, name) for name in STORED_FIELDS}
            if before == values:
                continue
            for name, value in values.items():
                setattr(app, name, value)
            app.save(update_fields=[*STORED_FIELDS, "updated_at"])
            record_event(actor=actor, obj=app, action="case.deadline_recomputed", before=before, after=values,
                         reason="工作日历调整，重新计算期限",
                         payload={"years": sorted(changed_years)})
            changed += 1
    return changed


def remind_handlers(*, today: dt.date | None = None) -> int:
    """Mail the handlers once per due date when an open case's reply is due within 3 working days — or a decided
    one's answer is not yet delivered (timeliness is judged at delivery, 国办公开办函〔2016〕235号)."""
    today = today or local_today()
    calendar = current_calendar()
    sent = 0
    horizon = today + dt.timedelta(days=14)
    running = [s.value for s in OPEN_STATES] + [State.DECIDED.value]
    for app in Application.objects.filter(state__in=running, reply_due_on__isnull=False,
                                          reply_due_on__lte=horizon).select_related("agency", "handler"):
        left = calendar.working_days_between(today, app.reply_due_on)
        if left > REMIND_WITHIN_WORKING_DAYS:
            continue
        due = app.reply_due_on.isoformat()
        if any(e.payload.get("due") == due for e in events_for(app).filter(action="case.reminder_sent")):
            continue
        with transaction.atomic():
            # One reminder per (case, due date) even when two runs of the job overlap: the mark, the mail in
            # the outbox and the event commit together or not at all.
            if not claim_once(REMINDER_JOB, f"application:{app.pk}:due:{due}"):
                continue
            what = f"已逾期 {-left} 个工作日" if left < 0 else f"还剩 {left} 个工作日"
            mail_handlers(app, f"答复期限 {due}（{what}）", f"申请 {app.tracking_code} 的答复期限为 {due}，{what}。",
                          dedupe=f"{REMINDER_JOB}:{app.pk}:{due}")
            record_event(actor=System, obj=app, action="case.reminder_sent", payload={"due": due, "left": left})
        sent += 1
    return sent
