"""Readers of reports: what the public may see (published versions only) and what staff may see."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import agencies_where, can
from gongkai.core.errors import NotAllowed
from gongkai.reports.domain.snapshot import drill_ids
from gongkai.reports.domain.snapshot_reader import ReportSnapshot, read_snapshot
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
    """The one access rule of a report, for every interface: none is ``AnnualReport.DoesNotExist`` (404), one
    the user may not see ``NotAllowed`` (403)."""
    report = AnnualReport.objects.select_related("agency").get(pk=pk)
    if not can(user, action, report):
        raise NotAllowed(_("您无权查看该年度报告"), action=action)
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


def public_report_tables(agency: Agency, year: int) -> dict:
    """The latest published version of a year as the tables of the form it was made in (国办公开办函〔2021〕30号
    or the 2019 trial form): what the API gives out. ``AnnualReport.DoesNotExist`` when none is published."""
    report = public_report(agency, year)
    snapshot = report_snapshot(report)
    return {"year": report.year, "version": report.version, "form": report.form, "signed_on": report.signed_on,
            "published_at": report.published_at, "tables": snapshot.tables,
            "findings": [{"level": f.level, "code": f.code, "message": f.message, "cells": list(f.cells)}
                         for f in snapshot.findings]}


def report_snapshot(report: AnnualReport) -> ReportSnapshot:
    """The report's frozen data as dataclasses (``reports.domain.snapshot_reader``): what interfaces read."""
    return read_snapshot(report.snapshot)


def report_versions(report: AnnualReport) -> QuerySet[AnnualReport]:
    """Every version of the report's agency and year, first to last (drafts and corrections included)."""
    return AnnualReport.objects.filter(agency=report.agency, year=report.year).order_by("version")


def latest_reports(agencies, year: int) -> dict[int, AnnualReport]:
    """agency id -> the latest version of its report for ``year`` (absent when it has none)."""
    latest: dict[int, AnnualReport] = {}
    for report in AnnualReport.objects.filter(agency__in=agencies, year=year).order_by("version"):
        latest[report.agency_id] = report
    return latest


def check_interchange(data: dict, previous: dict | None = None) -> dict:
    """``gongkai report check`` on data rather than a file: the identities that fail and the warnings.
    Raises ``InterchangeError`` when the data is not a report in the interchange format."""
    from gongkai.reports.domain.interchange import parse_interchange
    from gongkai.reports.domain.reconcile import ERROR, check_across_years, check_report

    parsed = parse_interchange(data)
    findings = parsed.findings + check_report(parsed.tables)
    if previous is not None:
        findings += check_across_years(parsed.tables, parse_interchange(previous).tables)
    return {"form": parsed.tables["form"], "year": parsed.year, "agency": parsed.agency,
            "errors": [f for f in findings if f.level == ERROR], "warnings": [f for f in findings if f.level != ERROR]}
