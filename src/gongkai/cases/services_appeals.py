"""Reconsideration and litigation arising from disclosure applications (table 四)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases.domain.appeals import AppealKind, AppealOutcome
from gongkai.cases.models import Appeal, Application
from gongkai.cases.transitions import require
from gongkai.core.errors import ValidationFailed
from gongkai.core.events import record_event
from gongkai.core.time import local_today


@transaction.atomic
def record_appeal(*, actor, agency: Agency, kind: str, body: str, filed_on: dt.date,
                  application: Application | None = None, case_number: str = "", summary: str = "",
                  is_demo: bool = False) -> Appeal:
    require(actor, "case.handle", agency)
    try:
        kind = AppealKind(kind)
    except ValueError:
        raise ValidationFailed(_("请选择类型：行政复议、未经复议直接起诉或复议后起诉。"), code="cases.kind_required") from None
    if not body.strip():
        raise ValidationFailed(_("请填写复议机关或受理法院。"), code="cases.body_required")
    if filed_on > local_today():
        raise ValidationFailed(_("申请或起诉日期不能晚于今天。"), code="cases.filed_in_future")
    if application is not None and application.agency_id != agency.pk:
        raise ValidationFailed(_("关联的申请不属于该机关。"), code="cases.application_elsewhere")
    appeal = Appeal.objects.create(agency=agency, application=application, kind=kind, body=body.strip(),
                                   filed_on=filed_on, case_number=case_number.strip(), summary=summary.strip(),
                                   is_demo=is_demo)
    record_event(actor=actor, obj=appeal, action="appeal.filed", to_state=AppealOutcome.PENDING.value,
                 payload={"kind": kind.value, "application": application.tracking_code if application else ""})
    if application is not None:
        record_event(actor=actor, obj=application, action="case.appealed", payload={"appeal": appeal.pk,
                                                                                    "kind": kind.value})
    return appeal


@transaction.atomic
def record_appeal_outcome(*, actor, appeal: Appeal, outcome: str, decided_on: dt.date) -> Appeal:
    require(actor, "case.handle", appeal.agency)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    try:
        outcome = AppealOutcome(outcome)
    except ValueError:
        raise ValidationFailed(_("请选择结果。"), code="cases.outcome_required") from None
    if outcome == AppealOutcome.PENDING:
        raise ValidationFailed(_("请选择结果维持、结果纠正或其他结果。"), code="cases.outcome_required")
    if appeal.outcome != AppealOutcome.PENDING:
        raise ValidationFailed(_("该案件已登记结果。"), code="cases.outcome_recorded")
    if decided_on < appeal.filed_on or decided_on > local_today():
        raise ValidationFailed(_("决定或裁判日期应在申请或起诉日期和今天之间。"), code="cases.decided_out_of_range")
    appeal.outcome, appeal.decided_on = outcome, decided_on
    appeal.save(update_fields=["outcome", "decided_on", "updated_at"])
    record_event(actor=actor, obj=appeal, action="appeal.decided", from_state=AppealOutcome.PENDING.value,
                 to_state=outcome.value, payload={"decided_on": decided_on})
    return appeal
