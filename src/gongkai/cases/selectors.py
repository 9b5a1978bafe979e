"""The only readers of cases for other apps and the interfaces; they decide what a user or the public may see.

Annual-report contracts (signatures are stable; see ``selectors_report`` for the exact rules):
``report_applications(*, agency_ids, year) -> list[ApplicationFact]``,
``report_appeals(*, agency_ids, year) -> list[AppealFact]``,
``fee_summary(*, agency_ids, start, end) -> FeeSummary``.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import agencies_where, can
from gongkai.calendars.official import current_calendar
from gongkai.cases.clockfacts import deadline_of
from gongkai.cases.domain import privacy
from gongkai.cases.domain.clock import Deadline
from gongkai.cases.domain.notices import PLAIN_RESULTS
from gongkai.cases.domain.repetition import EarlierCase, RepetitionEvidence, evidence
from gongkai.cases.domain.results import Result
from gongkai.cases.domain.states import OPEN_STATES, PUBLIC_STATE_LABELS, State
from gongkai.cases.models import Appeal, Application
from gongkai.cases.selectors_report import fee_summary, report_appeals, report_applications
from gongkai.core.errors import NotAllowed
from gongkai.core.events import events_for, record_event
from gongkai.core.time import local_today

__all__ = [
    "access_case",
    "access_case_by_code",
    "applicant_view",
    "case_clock",
    "fee_summary",
    "find_cases",
    "overdue_cases",
    "public_status",
    "record_personal_data_read",
    "repetition_evidence",
    "report_appeals",
    "report_applications",
    "visible_cases",
    "workbench_groups",
]

OPEN = [s.value for s in OPEN_STATES]
# The reply clock runs until the answer's legal time point (国办公开办函〔2016〕235号第四条): a case decided but
# not yet delivered can still be overdue.
RUNNING = [*OPEN, State.DECIDED.value]


def visible_cases(user):
    return (Application.objects.filter(agency__in=agencies_where(user, "case.view"))
            .select_related("agency", "handler", "decision"))


def find_cases(user, *, state: str = "", code: str = ""):
    """The cases ``user`` may see, in a state (ignored when it is none) and whose 查询码 contains ``code``."""
    cases = visible_cases(user)
    if state in {s.value for s in State}:
        cases = cases.filter(state=state)
    if code.strip():
        cases = cases.filter(tracking_code__icontains=code.strip().upper())
    return cases


def _case_query():
    return Application.objects.select_related("agency", "agency__parent", "handler", "decision", "correction",
                                              "extension", "fee")


def _checked_case(user, app: Application | None, actions: tuple[str, ...]) -> Application:
    """The one access rule of a case, for every interface: none is ``Application.DoesNotExist`` (404), one the
    user holds none of ``actions`` on is ``NotAllowed`` (403)."""
    if app is None:
        raise Application.DoesNotExist("no such application")
    if not any(can(user, action, app) for action in actions):
        raise NotAllowed(_("您无权查看该申请"))
    return app


def access_case(user, pk: int, action: str = "case.view") -> Application:
    return _checked_case(user, _case_query().filter(pk=pk).first(), (action,))


def access_case_by_code(user, tracking_code: str, *actions: str) -> Application:
    """The case of ``tracking_code`` (查询码, as integrations know it) for ``user`` holding any of ``actions``
    (``case.view`` when none is given); the same 404/403 rule as ``access_case``."""
    app = _case_query().filter(tracking_code=tracking_code.strip().upper()).first() if tracking_code else None
    return _checked_case(user, app, actions or ("case.view",))


def may_see_personal_data(user, app: Application) -> bool:
    return can(user, "case.view_personal_data", app)


@dataclass(frozen=True)
class ApplicantView:
    name: str
    id_type: str
    id_number: str
    contact_person: str
    phone: str
    email: str
    address: str
    postcode: str
    masked: bool


READ_ACTION = "case.personal_data_read"
# What was read, for the history: a readable label per kind of read.
READ_LABELS = {
    "applicant": "查看申请人证件号码和联系方式",
    "attachment": "下载申请人提交的附件（如身份证明扫描件）",
    "letter": "查看载有申请人信息的文书",
}


def record_personal_data_read(*, actor, app, what: str, detail: str = "") -> None:
    """An audit event for a staff read of an applicant's personal data in clear (PIPL art. 54 audits)."""
    label = READ_LABELS[what] + (f"：{detail}" if detail else "")
    record_event(actor=actor, obj=app, action=READ_ACTION, reason=label, payload={"what": what})


def applicant_view(user, app: Application) -> ApplicantView:
    """The applicant's identifiers and contacts in clear only for the handling agency's case roles; each such
    read is recorded (who saw whose data, when)."""
    id_type = app.get_id_type_display()
    if may_see_personal_data(user, app):
        record_personal_data_read(actor=user, app=app, what="applicant")
        return ApplicantView(app.applicant_name, id_type, app.id_number, app.contact_person, app.phone, app.email,
                             app.address, app.postcode, False)
    name = app.applicant_name if not app.is_natural_person else privacy.mask_text(app.applicant_name)
    return ApplicantView(name, id_type, privacy.mask_id(app.id_number), privacy.mask_text(app.contact_person),
                         privacy.mask_phone(app.phone), privacy.mask_email(app.email),
                         privacy.mask_text(app.address), "", True)


@dataclass(frozen=True)
class CaseClock:
    deadline: Deadline | None
    days_left: int | None
    overdue: bool

    @property
    def late_days(self) -> int:
        return -self.days_left if self.overdue else 0


def case_clock(app: Application, *, today: dt.date | None = None) -> CaseClock:
    today = today or local_today()
    calendar = current_calendar()
    deadline = deadline_of(app, calendar)
    if deadline is None:
        return CaseClock(None, None, False)
    left = deadline.working_days_left(calendar, today)
    running = app.state in RUNNING
    return CaseClock(deadline, left if running else None, bool(running and left is not None and left < 0))


def repetition_evidence(app: Application) -> RepetitionEvidence:
    """Earlier applications of the same applicant to the same agency: the handler decides, never the system."""
    earlier = (Application.objects.filter(applicant_key=app.applicant_key, agency_id=app.agency_id)
               .exclude(pk=app.pk).filter(submitted_at__lt=app.submitted_at).select_related("decision")
               .order_by("-submitted_at")[:200])
    cases = [EarlierCase(e.pk, e.tracking_code, e.received_on or e.arrived_on, e.description,
                         hasattr(e, "decision")) for e in earlier]
    return evidence(app.description, app.received_on or app.arrived_on, cases)


def _working_day_limit(today: dt.date, days: int) -> dt.date:
    return current_calendar().add_working_days(today, days).due


def workbench_groups(user, *, today: dt.date | None = None) -> dict[str, list[Application]]:
    today = today or local_today()
    cases = visible_cases(user).filter(state__in=OPEN)
    within3, within5 = _working_day_limit(today, 3), _working_day_limit(today, 5)
    limit = 50
    return {
        "mine": list(cases.filter(handler=user).order_by("reply_due_on")[:limit]),
        "overdue": list(visible_cases(user).filter(state__in=RUNNING, reply_due_on__lt=today)
                        .order_by("reply_due_on")[:limit]),
        "due3": list(cases.filter(reply_due_on__gte=today, reply_due_on__lte=within3).order_by("reply_due_on")[:limit]),
        "due5": list(cases.filter(reply_due_on__gt=within3, reply_due_on__lte=within5).order_by("reply_due_on")[:limit]),
        "unconfirmed": list(cases.filter(received_on__isnull=True).order_by("submitted_at")[:limit]),
        "correction": list(cases.filter(state=State.CORRECTION_PENDING).order_by("correction_due_on")[:limit]),
        "payment": list(cases.filter(state=State.FEE_PENDING).order_by("payment_due_on")[:limit]),
        "consultation": list(cases.filter(state=State.CONSULTATION).order_by("reply_due_on")[:limit]),
    }


def overdue_cases(*, today: dt.date | None = None, agency_code: str | None = None):
    today = today or local_today()
    cases = Application.objects.filter(state__in=RUNNING, reply_due_on__lt=today).select_related("agency", "handler")
    if agency_code:
        cases = cases.filter(agency__code=agency_code)
    return cases.order_by("reply_due_on", "id")


@dataclass(frozen=True)
class PublicStep:
    on: dt.date
    label: str


@dataclass(frozen=True)
class PublicStatus:
    tracking_code: str
    agency_name: str
    state_label: str
    is_open: bool
    submitted_on: dt.date
    received_on: dt.date | None
    reply_due_on: dt.date | None
    due_provisional: bool
    state: str
    correction_due_on: dt.date | None
    payment_due_on: dt.date | None
    result_label: str
    decided_on: dt.date | None
    closed_on: dt.date | None
    steps: tuple[PublicStep, ...]


def _public_steps(app: Application) -> tuple[PublicStep, ...]:
    """The dated steps of a case from its records (not from when they were typed in)."""
    steps = [PublicStep(app.arrived_on, "申请已提交")]
    if app.received_on:
        steps.append(PublicStep(app.received_on, "收到申请"))
    correction = getattr(app, "correction", None)
    if correction:
        steps.append(PublicStep(correction.requested_on, "告知补正"))
        if correction.received_on:
            steps.append(PublicStep(correction.received_on, "收到补正后的申请"))
    letter_steps = {"acceptance": "已受理", "transfer": "已转办"}
    steps += [PublicStep(letter.issued_on, letter_steps[letter.kind])
              for letter in app.letters.filter(kind__in=list(letter_steps))]
    for consultation in app.consultations.all():
        steps.append(PublicStep(consultation.sent_on, "征求意见"))
        if consultation.replied_on:
            steps.append(PublicStep(consultation.replied_on, "征求意见结束"))
    extension = getattr(app, "extension", None)
    if extension:
        steps.append(PublicStep(extension.notice_on, "延长答复期限"))
    if app.delay_notice_on:
        steps.append(PublicStep(app.delay_notice_on, "确定延迟答复期限"))
    fee = getattr(app, "fee", None)
    if fee:
        steps.append(PublicStep(fee.notice_on, "发出收费通知"))
        if fee.paid_on:
            steps.append(PublicStep(fee.paid_on, "已缴费"))
    decision = getattr(app, "decision", None)
    if decision:
        label = {State.WITHDRAWN: "已撤回", State.ABANDONED: "视为放弃申请"}.get(State(app.state), "已作出答复")
        steps.append(PublicStep(decision.decided_on, label))
    if app.delivered_on:
        steps.append(PublicStep(app.delivered_on, "答复已送达"))
    if app.state == State.CLOSED and app.closed_on:
        steps.append(PublicStep(app.closed_on, "已办结"))
    return tuple(sorted(steps, key=lambda step: step.on))


def public_status(tracking_code: str) -> PublicStatus | None:
    """What anyone holding the tracking code may see: dates and steps, never the applicant or the request."""
    code = (tracking_code or "").strip().upper()
    app = (Application.objects.filter(tracking_code=code)
           .select_related("agency", "decision", "correction", "extension", "fee").first())
    if app is None:
        return None
    decision = getattr(app, "decision", None)
    steps = _public_steps(app)
    return PublicStatus(
        tracking_code=app.tracking_code, agency_name=app.agency.name,
        state_label=PUBLIC_STATE_LABELS[State(app.state)], is_open=State(app.state) in OPEN_STATES,
        submitted_on=app.arrived_on, received_on=app.received_on, reply_due_on=app.reply_due_on,
        due_provisional=app.due_provisional, state=app.state, correction_due_on=app.correction_due_on,
        payment_due_on=app.payment_due_on,
        # Plain words: the report's row labels carry counting notes ("区分处理的，只计这一情形…").
        result_label=PLAIN_RESULTS[Result(decision.result)] if decision else "",
        decided_on=decision.decided_on if decision else None, closed_on=app.closed_on, steps=steps,
    )


def handlers_of(app: Application):
    """Staff who may be assigned: the case handlers of the application's agency."""
    User = get_user_model()
    return (User.objects.filter(memberships__agency=app.agency, memberships__role="case_handler", is_active=True)
            .distinct().order_by("username"))


def visible_appeals(user):
    return Appeal.objects.filter(agency__in=agencies_where(user, "case.view")).select_related("agency", "application")


def access_appeal(user, pk) -> Appeal:
    """The appeal ``pk`` for ``user``: ``Appeal.DoesNotExist`` (404) when there is none, ``NotAllowed`` (403)
    when it belongs to an agency the user may not see — the same answer as every other object."""
    appeal = Appeal.objects.select_related("agency", "application").get(pk=pk)
    if not can(user, "case.view", appeal.agency):
        raise NotAllowed(_("您无权查看该案件"))
    return appeal


def case_events(user, app: Application):
    if not can(user, "case.view", app):
        raise NotAllowed(_("您无权查看该申请"))
    return events_for(app)
