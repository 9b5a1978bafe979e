"""What the annual report reads from cases. Stable signatures: the reports app codes against them.

- ``report_applications(agency_ids=[...], year=Y)``: one ``ApplicationFact`` per application relevant to year Y:
  received (art. 31 receipt date, Asia/Shanghai) on or before 31 Dec Y and not concluded before 1 Jan Y.
  ``concluded_on``/``result`` come from the one ``Decision`` (withdrawals and lapsed 补正/fee windows are
  decisions of group （六）); both are None while the case is open. Fee fields are filled when a fee notice
  exists. Applications whose receipt has not been confirmed yet (art. 31) have no receipt date and are left out.
  ``answered_on``/``late``: the 答复书's delivery time point (国办公开办函〔2016〕235号) and whether it was after
  the reply due date — timeliness is judged there, not at the decision date; None until delivered.
- ``report_appeals(agency_ids=[...], year=Y)``: one ``AppealFact`` per appeal filed on or before 31 Dec Y and not
  decided before 1 Jan Y.
- ``fee_summary(agency_ids=[...], start=date, end=date)`` → ``FeeSummary``: fee notices issued in [start, end],
  the amount they billed, and the amount collected by payments made in [start, end] (Decimal yuan).
"""

import datetime as dt
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery, Sum

from gongkai.cases.domain.appeals import AppealKind, AppealOutcome
from gongkai.cases.domain.applicants import ApplicantType
from gongkai.cases.domain.delivery import is_late
from gongkai.cases.domain.facts import AppealFact, ApplicationFact, FeeSummary
from gongkai.cases.domain.results import Result
from gongkai.cases.models import Appeal, Application, Delivery, Fee


def report_applications(*, agency_ids: list[int], year: int) -> list[ApplicationFact]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # Plain value rows, not model instances: a report over 100,000 applications must stay a few seconds.
    rows = (
        Application.objects.filter(agency_id__in=agency_ids, received_on__isnull=False, received_on__lte=last)
        .filter(Q(decision__isnull=True) | Q(decision__decided_on__gte=first))
        .annotate(answered_on=Subquery(
            Delivery.objects.filter(letter__application=OuterRef("pk"), letter__kind="decision")
            .order_by("time_point_on").values("time_point_on")[:1]))
        .order_by("received_on", "id")
        .values_list(
            "pk", "tracking_code", "agency_id", "applicant_type", "received_on",
            "decision__decided_on", "decision__result",
            "fee__notice_on", "fee__amount", "fee__paid_amount", "fee__paid_on", "answered_on", "reply_due_on",
        )
    )
    zero = Decimal("0")
    return [
        ApplicationFact(
            case_id=pk,
            tracking_code=tracking_code,
            agency_id=agency_id,
            applicant_type=ApplicantType(applicant_type),
            received_on=received_on,
            concluded_on=decided_on if result else None,
            result=Result(result) if result else None,
            fee_notice_on=notice_on,
            fee_billed=amount if amount is not None else zero,
            fee_paid=paid_amount if paid_amount is not None else zero,
            fee_paid_on=paid_on,
            answered_on=answered_on,
            late=is_late(answered_on, due_on) if answered_on else None,
        )
        for (pk, tracking_code, agency_id, applicant_type, received_on, decided_on, result,
             notice_on, amount, paid_amount, paid_on, answered_on, due_on) in rows.iterator(chunk_size=5000)
    ]


def report_appeals(*, agency_ids: list[int], year: int) -> list[AppealFact]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (
        Appeal.objects.filter(agency_id__in=agency_ids, filed_on__lte=last)
        .filter(Q(decided_on__isnull=True) | Q(decided_on__gte=first))
        .order_by("filed_on", "id")
    )
    return [
        AppealFact(
            appeal_id=a.pk, case_id=a.application_id, agency_id=a.agency_id, kind=AppealKind(a.kind),
            filed_on=a.filed_on, decided_on=a.decided_on, outcome=AppealOutcome(a.outcome),
        )
        for a in rows
    ]


def fee_summary(*, agency_ids: list[int], start: dt.date, end: dt.date) -> FeeSummary:
    fees = Fee.objects.filter(application__agency_id__in=agency_ids)
    issued = fees.filter(notice_on__gte=start, notice_on__lte=end)
    billed = issued.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    collected = (fees.filter(paid_on__gte=start, paid_on__lte=end).aggregate(total=Sum("paid_amount"))["total"]
                 or Decimal("0"))
    return FeeSummary(notices=issued.count(), billed=Decimal(billed).quantize(Decimal("0.01")),
                      collected=Decimal(collected).quantize(Decimal("0.01")))
