"""The only readers of cases for other apps and the interfaces.

Annual-report contracts (signatures are stable; see ``selectors_report`` for the exact rules):
``report_applications(*, agency_ids, year) -> list[ApplicationFact]``,
``report_appeals(*, agency_ids, year) -> list[AppealFact]``,
``fee_summary(*, agency_ids, start, end) -> FeeSummary``.
"""

from gongkai.cases.selectors_report import fee_summary, report_appeals, report_applications

__all__ = ["fee_summary", "report_appeals", "report_applications"]
