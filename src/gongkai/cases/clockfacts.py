"""From an application's records to the pure clock, and the stored copy of its result."""

from gongkai.calendars.domain.workdays import WorkCalendar
from gongkai.calendars.official import current_calendar
from gongkai.cases.conf import clock_settings
from gongkai.cases.domain.clock import ClockFacts, Deadline, Pause, PauseKind, WindowKind, compute_deadline
from gongkai.cases.models import Application


def clock_facts(app: Application) -> ClockFacts | None:
    if app.received_on is None:
        return None
    correction = getattr(app, "correction", None)
    pauses = [Pause(PauseKind(c.kind), c.sent_on, c.replied_on, c.party) for c in app.consultations.all()]
    fee = getattr(app, "fee", None)
    if fee is not None:
        pauses.append(Pause(PauseKind.FEE, fee.notice_on, fee.paid_on or fee.lapsed_on))
    extension = getattr(app, "extension", None)
    return ClockFacts(
        received_on=app.received_on,
        correction_requested_on=correction.requested_on if correction else None,
        correction_period_days=correction.period_days if correction else 0,
        correction_received_on=correction.received_on if correction else None,
        pauses=tuple(pauses),
        extension_days=extension.days if extension else 0,
        delay_until=app.delay_until,
    )


def deadline_of(app: Application, calendar: WorkCalendar | None = None) -> Deadline | None:
    facts = clock_facts(app)
    if facts is None:
        return None
    return compute_deadline(facts, calendar or current_calendar(), clock_settings())


STORED_FIELDS = ["reply_due_on", "due_provisional", "correction_due_on", "payment_due_on"]


def stored_clock(app: Application, calendar: WorkCalendar | None = None) -> dict:
    """The values of the stored clock fields for the application as it stands."""
    deadline = deadline_of(app, calendar)
    if deadline is None:
        return dict.fromkeys(STORED_FIELDS) | {"due_provisional": False}
    correction = deadline.window(WindowKind.CORRECTION)
    payment = deadline.window(WindowKind.PAYMENT)
    return {
        "reply_due_on": deadline.due_on,
        "due_provisional": deadline.provisional,
        "correction_due_on": correction.due if correction else None,
        "payment_due_on": payment.due if payment else None,
    }
