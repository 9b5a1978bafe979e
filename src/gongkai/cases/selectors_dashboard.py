"""The dashboard's figures of 依申请公开 for the interfaces: a year's applications by month or by agency,
counted from the annual report's own facts (``selectors_report.report_applications``)."""

from typing import Literal

from gongkai.cases.domain.timeliness import ApplicationFigures, count_applications
from gongkai.cases.selectors_report import report_applications

__all__ = ["ApplicationFigures", "application_figures"]


def application_figures(*, agency_ids, year: int, by: Literal["month", "agency"]) -> dict[int, ApplicationFigures]:
    """month (1–12) or agency id -> received, concluded, answered, late and the on-time rate in ``year``."""
    return count_applications(report_applications(agency_ids=list(agency_ids), year=year), year, by)
