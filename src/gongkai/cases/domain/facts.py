"""What the annual report reads from cases: plain facts, one per application or appeal.

``cases.selectors.report_applications`` and ``report_appeals`` return these; ``reports`` counts them.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from gongkai.cases.domain.appeals import AppealKind, AppealOutcome
from gongkai.cases.domain.applicants import ApplicantType
from gongkai.cases.domain.results import Result


@dataclass(frozen=True)
class ApplicationFact:
    case_id: int
    tracking_code: str
    agency_id: int
    applicant_type: ApplicantType
    received_on: dt.date            # art. 31 receipt date (Asia/Shanghai)
    concluded_on: dt.date | None    # the date the result was decided (or the case closed without a decision)
    result: Result | None           # None while the case is open
    fee_notice_on: dt.date | None = None
    fee_billed: Decimal = Decimal("0")
    fee_paid: Decimal = Decimal("0")
    fee_paid_on: dt.date | None = None
    # The 答复书's legal time point (国办公开办函〔2016〕235号第四条: 签收之日 / 交邮之日; 电子送达: 发送之日) and
    # whether it fell after the reply due date; None until the answer is delivered.
    answered_on: dt.date | None = None
    late: bool | None = None


@dataclass(frozen=True)
class AppealFact:
    appeal_id: int
    case_id: int | None
    agency_id: int
    kind: AppealKind
    filed_on: dt.date
    decided_on: dt.date | None
    outcome: AppealOutcome          # PENDING until decided


@dataclass(frozen=True)
class FeeSummary:
    """Section 六 of the annual report: fee notices issued in a period, what they billed, what was collected."""

    notices: int
    billed: Decimal
    collected: Decimal
