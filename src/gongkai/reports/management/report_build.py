"""``gongkai report build`` and ``gongkai report import``."""

import sys
from pathlib import Path

from django.core.management.base import CommandError

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.core.actors import System
from gongkai.core.errors import DomainError
from gongkai.core.progress import Progress
from gongkai.reports.domain.forms import ReportForm, default_form
from gongkai.reports.domain.interchange import InterchangeError
from gongkai.reports.importing import read_past_report
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.renderers.document import build_document, document_of
from gongkai.reports.renderers.export import BINARY, render
from gongkai.reports.services import (
    compute_snapshot,
    draft_from,
    import_past_report,
    latest_office_text,
    resolve_scope,
)


def _agency(code: str) -> Agency:
    try:
        return Agency.objects.get(code=code)
    except Agency.DoesNotExist:
        raise CommandError(f"找不到机构代码 {code}") from None


def run_build(options, *, stdout, stderr=None) -> None:
    agency = _agency(options["agency"])
    year = options["year"]
    form = ReportForm(options["form"] or default_form(year))
    fmt = options["format"]
    if fmt in BINARY and not options.get("out"):
        raise CommandError(f"{fmt} 格式请用 --out 指定输出文件")
    published = (AnnualReport.objects.filter(agency=agency, year=year, form=form, status=ReportStatus.PUBLISHED)
                 .order_by("-version").first())
    if published is not None and not options.get("from_records") and options.get("include") is None:
        document = document_of(published)
        note = f"已发布的第{published.version}版（冻结数据）"
    else:
        include = options.get("include")
        if include is None:
            codes = ["*"] if agency.kind == AgencyKind.GOVERNMENT else None
        else:
            codes = [c.strip() for c in include.split(",") if c.strip()]
        try:
            scope = resolve_scope(agency, codes)
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        with Progress(stderr or sys.stderr, "统计年度报告") as progress:
            snapshot = compute_snapshot(agency=agency, scope=scope, year=year, form=form, on_progress=progress)
        narrative = {**draft_from(snapshot, agency=agency), **latest_office_text(agency, year, form)}
        document = build_document(snapshot=snapshot, narrative=narrative, agency_name=agency.name)
        note = f"由记录统计（{len(scope)} 个机构，未保存）"
    content = render(document, fmt)
    if options.get("out"):
        path = Path(options["out"])
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        stdout.write(f"已写入 {path}（{note}）")
    else:
        stdout.write(content if isinstance(content, str) else content.decode("utf-8"))
        sys.stderr.write(f"[{note}]\n")


def run_import(options, *, write) -> None:
    agency = _agency(options["agency"])
    path = Path(options["file"])
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"找不到文件：{path}") from None
    try:
        parsed = read_past_report(path.name, content)
    except InterchangeError as exc:
        raise CommandError(f"{path}：{exc}") from None
    bad = [f for f in parsed.findings if f.level == "error"]
    if bad:
        raise CommandError("文件中有无法识别的数字，未导入：\n" + "\n".join(f"  {f.message}" for f in bad))
    try:
        past = import_past_report(actor=System, agency=agency, year=options.get("year"), tables=parsed.tables,
                                  source_name=path.name, file_year=parsed.year, file_agency=parsed.agency)
    except DomainError as exc:
        raise CommandError(str(exc)) from None
    write(f"已导入 {agency.name} {past.year} 年度报告（{parsed.tables['form']} 格式），用于跨年度检查")
