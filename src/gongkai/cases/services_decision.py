"""The decision (exactly one result per application), delivery, closing, withdrawal, and the lapses of the
补正 and payment windows that the minute timer records."""

import datetime as dt
import re

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongkai.cases.domain.notices import PLAIN_RESULTS, NoticeEvent
from gongkai.cases.domain.results import REPLY_TYPES, ROW_OF, ReplyType, Result
from gongkai.cases.domain.states import State
from gongkai.cases.models import Application, Decision, Fee
from gongkai.cases.notify import notify_with_letter
from gongkai.cases.services_letters import record_delivery
from gongkai.cases.transitions import check_step, locked, move, require_step
from gongkai.catalog.selectors import public_items
from gongkai.core.actors import System, is_public
from gongkai.core.errors import Sentences, ValidationFailed, gettext_noop
from gongkai.core.time import local_today

SYSTEM_RESULTS = {Result.OTHER_NO_CORRECTION, Result.OTHER_UNPAID_FEE}


def _decision_problems(app, result, reply_type, reasons, withheld_what, withheld_why, catalog_index_numbers,
                       decided_on) -> list[str]:
    problems = []
    allowed = REPLY_TYPES[result]
    if allowed and reply_type not in allowed:
        problems.append(gettext_noop("请选择与办理结果相符的《条例》第三十六条答复类型。"))
    if not allowed and reply_type:
        problems.append(gettext_noop("该办理结果不适用第三十六条答复类型。"))
    if result == Result.PARTIAL and not (withheld_what.strip() and withheld_why.strip()):
        problems.append(gettext_noop("部分公开须写明不予公开的部分及理由（《条例》第三十七条）。"))
    if result != Result.DISCLOSED and not reasons.strip():
        problems.append(gettext_noop("请写明答复理由。"))
    if reply_type == ReplyType.ALREADY_PUBLIC and not catalog_index_numbers.strip():
        problems.append(gettext_noop("已主动公开的，请填写该信息的索引号，告知获取方式和途径（《条例》第三十六条第（一）项）。"))
    if result == Result.UNABLE_STILL_UNCLEAR and not (hasattr(app, "correction") and app.correction.received_on):
        problems.append(gettext_noop("“补正后申请内容仍不明确”只适用于已经补正的申请。"))
    if decided_on < (app.received_on or decided_on) or decided_on > local_today():
        problems.append(gettext_noop("答复日期应在收到申请之日和今天之间。"))
    return problems


@transaction.atomic
def decide(*, actor, app: Application, result: str, reply_type: str = "", reasons: str = "", legal_basis: str = "",
           withheld_what: str = "", withheld_why: str = "", catalog_index_numbers: str = "",
           responsible_organ: str = "", decided_on: dt.date | None = None) -> Decision:
    require_step(actor, "decide", app)
    app = locked(app)
    check_step(app, "decide")
    try:
        result = Result(result)
    except ValueError:
        raise ValidationFailed(_("请选择办理结果。"), code="cases.result_required") from None
    if result in SYSTEM_RESULTS:
        raise ValidationFailed(_("逾期不补正、逾期不缴费由系统在期限届满后记录，不能手工选择。"), code="cases.result_by_system")
    if app.received_on is None:
        raise ValidationFailed(_("请先确认收到申请之日。"), code="cases.receipt_unconfirmed")
    decided_on = decided_on or local_today()
    problems = _decision_problems(app, result, reply_type, reasons, withheld_what, withheld_why,
                                  catalog_index_numbers, decided_on)
    if problems:
        raise ValidationFailed(_("答复有误：%(problems)s"), code="cases.invalid_decision", problems=Sentences(problems))
    numbers = [n for n in re.split(r"[\s,，;；、]+", catalog_index_numbers.strip()) if n]
    items = list(public_items().filter(index_number__in=numbers))
    missing = sorted(set(numbers) - {item.index_number for item in items})
    if missing:
        raise ValidationFailed(_("以下索引号不是已发布的主动公开信息，请核对：%(missing)s"), code="cases.unknown_index_numbers", missing=missing)
    row = ROW_OF[result]
    decision = Decision.objects.create(
        application=app, result=result, reply_type=reply_type, legal_basis=legal_basis.strip() or row.legal_basis,
        reasons=reasons.strip(), withheld_what=withheld_what.strip(), withheld_why=withheld_why.strip(),
        catalog_index_numbers="、".join(numbers), responsible_organ=responsible_organ.strip(),
        decided_on=decided_on, decided_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    decision.catalog_items.set(items)
    app.decision = decision
    # Timeliness is judged when the answer is delivered (its legal time point, 国办公开办函〔2016〕235号第四条),
    # not here: a decision made in time but posted late is late.
    move(app, "decide", actor=actor, event_action="case.decided", reason=reasons.strip(),
         payload={"result": result.value, "reply_type": reply_type, "decided_on": decided_on,
                  "reply_due_on": app.reply_due_on,
                  "legal_basis": decision.legal_basis, "catalog_items": [item.pk for item in items]},
         letter={"kind": "decision", "on": decided_on, "result": result.value})
    notify_with_letter(app, NoticeEvent.DECIDED, 办理结果=PLAIN_RESULTS[result])
    return decision


@transaction.atomic
def deliver(*, actor, app: Application, method: str, **details) -> Application:
    """The 答复书 reaches the applicant: a typed delivery (``record_delivery``); the case is then 已送达 and its
    timeliness is judged at the delivery's legal time point (国办公开办函〔2016〕235号第四条)."""
    require_step(actor, "deliver", app)
    app = locked(app)
    check_step(app, "deliver")
    letter = app.letters.filter(kind="decision").order_by("-id").first()
    if letter is None:
        raise ValidationFailed(_("该申请没有答复书，无法登记送达。"), code="cases.no_reply_letter")
    record_delivery(actor=actor, letter=letter, method=method, **details)
    return Application.objects.get(pk=app.pk)


@transaction.atomic
def close_case(*, actor, app: Application, on: dt.date | None = None) -> Application:
    require_step(actor, "close", app)
    app = locked(app)
    check_step(app, "close")
    app.closed_on = on or local_today()
    move(app, "close", actor=actor, event_action="case.closed", extra_fields=["closed_on"])
    return app


@transaction.atomic
def withdraw(*, actor, app: Application, reason: str = "", on: dt.date | None = None,
             source: str = "staff") -> Decision:
    """The applicant withdraws; counted under （六）3.其他 (spec §3.6: 申请人自主撤销). ``source``: "staff" when
    an officer records it, "applicant" when the applicant withdraws on their page (``actor`` is then the public: the page checked
    the applicant's codes)."""
    if not is_public(actor):
        require_step(actor, "withdraw", app)
    app = locked(app)
    check_step(app, "withdraw")
    on = on or local_today()
    text = "申请人撤回申请" + (f"：{reason.strip()}" if reason.strip() else "")
    decision = Decision.objects.create(application=app, result=Result.OTHER, reasons=text, decided_on=on,
                                       legal_basis="", decided_by=actor if getattr(actor, "is_authenticated", False) else None)
    app.decision = decision
    app.closed_on = on
    move(app, "withdraw", actor=actor, event_action="case.withdrawn", reason=text, extra_fields=["closed_on"],
         payload={"source": source}, letter={"kind": "withdrawal", "on": on, "values": {"理由": ""}})
    notify_with_letter(app)
    return decision


def _abandon(app: Application, *, step: str, result: Result, lapsed_after: dt.date, reason: str) -> bool:
    with transaction.atomic():
        app = locked(app)
        if app.state != ("correction_pending" if step == "abandon_no_correction" else "fee_pending"):
            return False  # already handled by an earlier run or a person
        on = lapsed_after + dt.timedelta(days=1)
        row = ROW_OF[result]
        if step == "abandon_unpaid":
            Fee.objects.filter(application=app).update(lapsed_on=on)
        decision = Decision.objects.create(application=app, result=result, reasons=reason,
                                           legal_basis=row.legal_basis, decided_on=on)
        app.decision = decision
        app.closed_on = on
        move(app, step, actor=System, event_action="case.abandoned", reason=reason, extra_fields=["closed_on"],
             payload={"result": result.value, "lapsed_after": lapsed_after},
             letter={"kind": "abandonment", "on": on, "values": {"理由": reason, "法律依据": row.legal_basis}})
        notify_with_letter(app)
    return True


def lapse_windows(*, today: dt.date | None = None) -> int:
    """The minute timer: 补正 and payment windows that ended before today close the case, once each."""
    today = today or local_today()
    changed = 0
    # A 补正 the applicant gave online within the period waits for the officer, however long that takes.
    answered = Q(correction__reply__submitted_on__lte=F("correction_due_on"))
    for app in Application.objects.filter(state=State.CORRECTION_PENDING, correction_due_on__lt=today).exclude(answered):
        changed += _abandon(app, step="abandon_no_correction", result=Result.OTHER_NO_CORRECTION,
                            lapsed_after=app.correction_due_on,
                            reason=f"申请人无正当理由逾期（{app.correction_due_on.isoformat()}届满）未补正。")
    for app in Application.objects.filter(state=State.FEE_PENDING, payment_due_on__lt=today):
        changed += _abandon(app, step="abandon_unpaid", result=Result.OTHER_UNPAID_FEE,
                            lapsed_after=app.payment_due_on,
                            reason=f"申请人逾期（{app.payment_due_on.isoformat()}届满）未按收费通知要求缴纳费用。")
    return changed
