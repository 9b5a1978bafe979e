"""Reconsideration and litigation: the groups and outcome columns of annual-report table 四."""

from enum import StrEnum


class AppealKind(StrEnum):
    RECONSIDERATION = "reconsideration"
    DIRECT_SUIT = "direct_suit"
    SUIT_AFTER_RECONSIDERATION = "suit_after_reconsideration"


APPEAL_KIND_LABELS = {
    AppealKind.RECONSIDERATION: "行政复议",
    AppealKind.DIRECT_SUIT: "未经复议直接起诉",
    AppealKind.SUIT_AFTER_RECONSIDERATION: "复议后起诉",
}
LITIGATION_HEADING = "行政诉讼"


class AppealOutcome(StrEnum):
    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"


APPEAL_OUTCOME_LABELS = {
    AppealOutcome.UPHELD: "结果维持",
    AppealOutcome.CORRECTED: "结果纠正",
    AppealOutcome.OTHER: "其他结果",
    AppealOutcome.PENDING: "尚未审结",
}
TOTAL_LABEL = "总计"
