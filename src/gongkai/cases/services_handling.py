"""Handling steps between receipt and decision: 补正, acceptance, assignment, transfer, consultations,
extension and the art. 35 reasonable delay."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import can
from gongkai.calendars.official import current_calendar
from gongkai.cases.clockfacts import deadline_of
from gongkai.cases.conf import clock_settings
from gongkai.cases.domain.clock import CONSULTATION_WINDOW_DAYS, PAUSE_LABELS, PauseKind, extension_problem
from gongkai.cases.domain.notices import NoticeEvent
from gongkai.cases.letters import write_letter
from gongkai.cases.models import Application, Consultation, Correction, Extension
from gongkai.cases.notify import notify_with_letter
from gongkai.cases.transitions import check_step, locked, move, refresh_clock, require_step
from gongkai.core.errors import ValidationFailed, gettext_noop
from gongkai.core.events import record_event
from gongkai.core.time import local_today

MAX_CORRECTION_PERIOD = 30


def _date_ok(on: dt.date, *, not_before: dt.date | None, label: str) -> None:
    if on > local_today():
        raise ValidationFailed(_("%(label)s不能晚于今天。"), code="cases.date_in_future", label=label)
    if not_before and on < not_before:
        raise ValidationFailed(_("%(label)s不能早于%(date)s。"), code="cases.date_too_early", label=label, date=not_before.isoformat())


@transaction.atomic
def request_correction(*, actor, app: Application, items: str, period_days: int,
                       on: dt.date | None = None) -> Application:
    """Art. 30: one notice, within 7 working days of receipt, naming everything to correct and a period."""
    require_step(actor, "request_correction", app)
    app = locked(app)
    check_step(app, "request_correction")
    on = on or local_today()
    if app.received_on is None:
        raise ValidationFailed(_("请先确认收到申请之日，再告知补正。"), code="cases.receipt_unconfirmed")
    if Correction.objects.filter(application=app).exists():
        raise ValidationFailed(_("补正只能一次性告知（《条例》第三十条），该申请已经告知过补正。"), code="cases.correction_already_requested")
    if not items.strip():
        raise ValidationFailed(_("请写明需要补正的事项。"), code="cases.correction_items_required")
    if not 1 <= period_days <= MAX_CORRECTION_PERIOD:
        raise ValidationFailed(_("补正期限应为 1 至 %(max_correction_period)s 个工作日。"), code="cases.correction_period_out_of_range", max_correction_period=MAX_CORRECTION_PERIOD)
    _date_ok(on, not_before=app.received_on, label=gettext_noop("补正告知日期"))
    Correction.objects.create(application=app, requested_on=on, period_days=period_days, items=items.strip())
    move(app, "request_correction", actor=actor, event_action="case.correction_requested", reason=items.strip(),
         payload={"requested_on": on, "period_days": period_days},
         letter={"kind": "correction", "on": on, "values": {"补正事项": items.strip(), "补正期限": str(period_days)}})
    notify_with_letter(app, NoticeEvent.CORRECTION_REQUESTED, 补正事项=items.strip())
    return app


@transaction.atomic
def receive_correction(*, actor, app: Application, received_on: dt.date,
                       corrected_description: str = "") -> Application:
    """Art. 30: the reply period runs afresh from the day the corrected application arrives."""
    require_step(actor, "receive_correction", app)
    app = locked(app)
    check_step(app, "receive_correction")
    correction = app.correction
    _date_ok(received_on, not_before=correction.requested_on, label=gettext_noop("收到补正的日期"))
    correction.received_on = received_on
    correction.corrected_description = corrected_description.strip()
    correction.save(update_fields=["received_on", "corrected_description", "updated_at"])
    fields = []
    if corrected_description.strip():
        app.description = corrected_description.strip()
        fields.append("description")
    move(app, "receive_correction", actor=actor, event_action="case.correction_received",
         reason="收到补正后的申请，答复期限重新计算", payload={"received_on": received_on}, extra_fields=fields,
         letter={"kind": "acceptance", "on": received_on})
    notify_with_letter(app)
    return app


@transaction.atomic
def accept_application(*, actor, app: Application, on: dt.date | None = None) -> Application:
    require_step(actor, "accept", app)
    app = locked(app)
    check_step(app, "accept")
    if app.received_on is None:
        raise ValidationFailed(_("请先确认收到申请之日（《条例》第三十一条），再受理。"), code="cases.receipt_unconfirmed")
    move(app, "accept", actor=actor, event_action="case.accepted", letter={"kind": "acceptance", "on": on})
    notify_with_letter(app)
    return app


@transaction.atomic
def assign_handler(*, actor, app: Application, handler, section: str = "") -> Application:
    require_step(actor, "assign", app)
    app = locked(app)
    check_step(app, "assign")
    if handler is None or not can(handler, "case.handle", app):
        raise ValidationFailed(_("承办人须是本机关的依申请公开承办人。"), code="cases.assignee_invalid")
    previous = app.handler.get_username() if app.handler_id else ""
    app.handler, app.section = handler, section.strip()
    move(app, "assign", actor=actor, event_action="case.assigned", extra_fields=["handler", "section"],
         payload={"from": previous, "to": handler.get_username(), "section": app.section})
    return app


@transaction.atomic
def transfer_application(*, actor, app: Application, to_agency: Agency, reason: str) -> Application:
    """To another agency or department of the platform; the receiving agency handles it on the same clock."""
    require_step(actor, "transfer", app)
    app = locked(app)
    check_step(app, "transfer")
    if not reason.strip():
        raise ValidationFailed(_("转办须写明理由。"), code="cases.reason_required")
    if to_agency.pk == app.agency_id or not to_agency.is_active:
        raise ValidationFailed(_("请选择另一个在用的机关或部门。"), code="cases.target_invalid")
    from_agency = app.agency
    # The transferring agency writes the letter, before the case changes hands.
    letter = write_letter(actor=actor, app=app, kind="transfer",
                          values={"转办机关": to_agency.name, "理由": reason.strip()})
    app.agency, app.handler, app.section = to_agency, None, ""
    move(app, "transfer", actor=actor, event_action="case.transferred", reason=reason.strip(),
         extra_fields=["agency", "handler", "section"],
         payload={"from_agency": from_agency.code, "to_agency": to_agency.code,
                  "letter": {"number": letter.number, "kind": letter.kind}})
    notify_with_letter(app)
    return app


@transaction.atomic
def start_consultation(*, actor, app: Application, kind: str, party: str, sent_on: dt.date | None = None) -> Consultation:
    """Arts. 32 and 34: the consulted party has 15 working days; the time is not counted in the reply period."""
    require_step(actor, "start_consultation", app)
    app = locked(app)
    check_step(app, "start_consultation")
    try:
        kind = PauseKind(kind)
    except ValueError:
        raise ValidationFailed(_("请选择征求意见的对象类型。"), code="cases.party_kind_required") from None
    if kind == PauseKind.FEE or not party.strip():
        raise ValidationFailed(_("请选择征求对象类型并填写征求对象。"), code="cases.party_required")
    sent_on = sent_on or local_today()
    _date_ok(sent_on, not_before=app.received_on, label=gettext_noop("发函日期"))
    window = current_calendar().add_working_days(sent_on, CONSULTATION_WINDOW_DAYS,
                                                 count_from_next_day=clock_settings().count_from_next_day)
    consultation = Consultation.objects.create(application=app, kind=kind, party=party.strip(), sent_on=sent_on,
                                               reply_due_on=window.due)
    move(app, "start_consultation", actor=actor, event_action="case.consultation_started",
         payload={"kind": kind.value, "party": party.strip(), "sent_on": sent_on, "reply_due_on": window.due},
         reason=PAUSE_LABELS[kind], letter={"kind": "consultation", "on": sent_on, "values": {"征求对象": party.strip()}})
    return consultation


@transaction.atomic
def end_consultation(*, actor, consultation: Consultation, replied_on: dt.date, opinion: str = "") -> Consultation:
    app = consultation.application
    require_step(actor, "end_consultation", app)
    app = locked(app)
    check_step(app, "end_consultation")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.replied_on is not None:
        raise ValidationFailed(_("该征求意见已经登记过答复。"), code="cases.consultation_answered")
    _date_ok(replied_on, not_before=consultation.sent_on, label=gettext_noop("收到意见日期"))
    consultation.replied_on, consultation.opinion = replied_on, opinion.strip()
    consultation.save(update_fields=["replied_on", "opinion", "updated_at"])
    still_open = app.consultations.filter(replied_on__isnull=True).exists()
    if still_open:
        refresh_clock(app)
        app.save()
        record_event(actor=actor, obj=app, action="case.consultation_answered",
                     payload={"party": consultation.party, "replied_on": replied_on})
        return consultation
    move(app, "end_consultation", actor=actor, event_action="case.consultation_answered",
         payload={"party": consultation.party, "replied_on": replied_on,
                  "silent": not opinion.strip()}, reason=opinion.strip())
    return consultation


@transaction.atomic
def extend_deadline(*, actor, app: Application, days: int, reason: str, notice_on: dt.date | None = None,
                    approved_on: dt.date | None = None) -> Extension:
    """Art. 33 ¶2: approved by the head of the disclosure office (the approver role) and notified."""
    require_step(actor, "extend", app)
    app = locked(app)
    check_step(app, "extend")
    if Extension.objects.filter(application=app).exists():
        raise ValidationFailed(_("答复期限只能延长一次。"), code="cases.extended_once")
    problem = extension_problem(app.received_on, days)
    if problem:
        raise ValidationFailed(problem, code="cases.extension_out_of_range", field="days")
    if not reason.strip():
        raise ValidationFailed(_("请写明延期理由。"), code="cases.reason_required")
    approved_on = approved_on or notice_on or local_today()
    notice_on = notice_on or approved_on
    if notice_on < approved_on or notice_on > local_today():
        raise ValidationFailed(_("告知日期应在批准之日和今天之间。"), code="cases.notified_out_of_range")
    deadline = deadline_of(app)
    if deadline and deadline.due_on and notice_on > deadline.due_on:
        raise ValidationFailed(_("答复期限已于 %(date)s 届满，不能再延长。"), code="cases.deadline_passed",
                               date=deadline.due_on.isoformat())
    extension = Extension.objects.create(application=app, days=days, approved_on=approved_on,
                                         approved_by=actor if getattr(actor, "is_authenticated", False) else None,
                                         notice_on=notice_on, reason=reason.strip())
    move(app, "extend", actor=actor, event_action="case.extended", reason=reason.strip(),
         payload={"days": days, "approved_by": actor.get_username(), "notice_on": notice_on},
         letter={"kind": "extension", "on": notice_on, "values": {"延长天数": str(days), "延期理由": reason.strip()}})
    notify_with_letter(app, NoticeEvent.EXTENDED, 延长天数=days)
    return extension


@transaction.atomic
def set_reasonable_delay(*, actor, app: Application, until: dt.date, reason: str,
                         notice_on: dt.date | None = None) -> Application:
    """Art. 35: excessive but reasonable requests; the organ fixes a later date and tells the applicant."""
    require_step(actor, "set_reasonable_delay", app)
    app = locked(app)
    check_step(app, "set_reasonable_delay")
    if not reason.strip():
        raise ValidationFailed(_("请写明确定延迟答复期限的理由。"), code="cases.reason_required")
    deadline = deadline_of(app)
    if deadline and deadline.due_on and until <= deadline.due_on:
        raise ValidationFailed(_("延迟答复期限应晚于现行答复期限 %(date)s。"), code="cases.delay_not_later", date=deadline.due_on.isoformat())
    app.delay_until, app.delay_reason = until, reason.strip()
    app.delay_notice_on = notice_on or local_today()
    move(app, "set_reasonable_delay", actor=actor, event_action="case.delay_set", reason=reason.strip(),
         payload={"until": until, "notice_on": app.delay_notice_on},
         extra_fields=["delay_until", "delay_reason", "delay_notice_on"],
         letter={"kind": "delay", "on": app.delay_notice_on, "values": {"理由": reason.strip()}})
    notify_with_letter(app)
    return app

