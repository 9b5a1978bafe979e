"""Readers of reports: what the public may see (published versions only) and what staff may see."""

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import agencies_where, can
from gongkai.core.errors import NotAllowed
from gongkai.reports.domain.snapshot import drill_ids
from gongkai.reports.models import AnnualReport, DeclaredFigure, PastReport, ReportStatus


def published_reports(agency: Agency) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(agency=agency, status=ReportStatus.PUBLISHED).order_by("-year", "-version")


def public_report_years(agency: Agency) -> list[AnnualReport]:
    """The latest published version of each year, newest year first."""
    latest: dict[int, AnnualReport] = {}
    for report in published_reports(agency).select_related("agency"):
        latest.setdefault(report.year, report)
    return list(latest.values())


def public_report(agency: Agency, year: int, version: int | None = None) -> AnnualReport:
    reports = published_reports(agency).filter(year=year).select_related("agency")
    report = reports.filter(version=version).first() if version else reports.first()
    if report is None:
        raise AnnualReport.DoesNotExist
    return report


def public_versions(report: AnnualReport) -> list[AnnualReport]:
    return list(published_reports(report.agency).filter(year=report.year).order_by("version"))


def recent_publications(limit: int = 50) -> QuerySet[AnnualReport]:
    return (AnnualReport.objects.filter(status=ReportStatus.PUBLISHED, agency__is_active=True)
            .select_related("agency").order_by("-published_at")[:limit])


def staff_reports(user) -> QuerySet[AnnualReport]:
    return (AnnualReport.objects.filter(agency__in=agencies_where(user, "report.view"))
            .select_related("agency").order_by("-year", "agency__path", "-version"))


def access_report(user, pk: int, action: str = "report.view") -> AnnualReport:
    report = AnnualReport.objects.select_related("agency").get(pk=pk)
    if not can(user, action, report):
        raise NotAllowed("您无权查看该年度报告", action=action)
    return report


def report_agencies(user, action: str = "report.edit") -> QuerySet[Agency]:
    return agencies_where(user, action).filter(is_active=True).order_by("path", "sort_order")


def declared_for(agency: Agency, year: int) -> QuerySet[DeclaredFigure]:
    return DeclaredFigure.objects.filter(agency=agency, year=year).select_related("declared_by")


def past_reports(user) -> QuerySet[PastReport]:
    return PastReport.objects.filter(agency__in=agencies_where(user, "report.view")).select_related("agency")


def cell_record_ids(report: AnnualReport, table: str, row: str, column: str) -> list[int]:
    if table not in ("table2", "table3", "table4"):
        raise KeyError(table)
    return drill_ids(report.snapshot, table, row, column)
