"""A report for the staff's own systems, draft or published: its frozen snapshot as the typed reader gives it
(``reports.domain.snapshot_reader``) — scope, findings, figures, each agency's share and the tables.

The access rule is the back office's (``reports.selectors.access_report``): a missing report is 404, one the
caller may not see 403.
"""

import datetime as dt
from typing import Any

from ninja import Field, Path, Router, Schema

from gongkai.api.auth import WRITE_AUTH
from gongkai.api.errors import ERROR_RESPONSES
from gongkai.reports.selectors import access_report, report_snapshot

router = Router(tags=["reports (staff)"], auth=WRITE_AUTH)


class SnapshotAgencyOut(Schema):
    code: str
    name: str


class FindingOut(Schema):
    level: str
    code: str
    message: str
    cells: list[str]


class FigureOut(Schema):
    key: str
    label: str
    value: str | None = Field(..., description="数值（文本，金额保留其小数位）")
    unit: str


class ShareOut(Schema):
    agency: SnapshotAgencyOut
    new: int
    concluded: int
    appeals: int
    items: int


class StaffReportOut(Schema):
    id: int
    agency: str
    year: int
    version: int
    form: str
    status: str
    generated_at: dt.datetime
    published_at: dt.datetime | None
    scope: list[SnapshotAgencyOut]
    findings: list[FindingOut]
    figures: list[FigureOut]
    shares: list[ShareOut]
    tables: dict[str, Any]


def _agency(a) -> SnapshotAgencyOut:
    return SnapshotAgencyOut(code=a.code, name=a.name)


@router.get("/staff/reports/{report_id}", response={200: StaffReportOut, **ERROR_RESPONSES},
            summary="年度报告（含草稿）的冻结数据：勾稽检查结果、统计数字与各单位分项")
def staff_report(request, report_id: int = Path(..., ge=1, le=2**62)):
    report = access_report(request.auth, report_id)
    snapshot = report_snapshot(report)
    return StaffReportOut(
        id=report.pk, agency=report.agency.code, year=report.year, version=report.version, form=report.form,
        status=report.status, generated_at=report.generated_at, published_at=report.published_at,
        scope=[_agency(a) for a in snapshot.scope],
        findings=[FindingOut(level=f.level, code=f.code, message=f.message, cells=list(f.cells))
                  for f in snapshot.findings],
        figures=[FigureOut(key=f.key, label=f.label, value=None if f.value is None else str(f.value), unit=f.unit) for f in snapshot.figures],
        shares=[ShareOut(agency=_agency(s.agency), new=s.new, concluded=s.concluded, appeals=s.appeals,
                         items=s.items) for s in snapshot.shares],
        tables=snapshot.tables,
    )
