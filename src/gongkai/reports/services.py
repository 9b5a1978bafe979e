"""The only writers of reports: generate (freeze the data), edit the narrative, publish, correct, declare a
table-二 figure, import a past report. Each change writes an event."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import can
from gongkai.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from gongkai.core.events import record_event
from gongkai.core.time import local_today
from gongkai.reports.domain.contradictions import find_contradictions
from gongkai.reports.domain.forms import OFFICE_SECTIONS, ReportForm, default_form, narrative_keys
from gongkai.reports.domain.layout import (
    NORMATIVE_ROWS_2019,
    NORMATIVE_ROWS_2021,
    T2_SIGNED_COLUMNS,
    t2_cells,
    t2_key,
)
from gongkai.reports.domain.legacy_records import DECLARED_LEGACY, PARTICULARS
from gongkai.reports.domain.narrative import draft
from gongkai.reports.domain.reconcile import ERROR, check_across_years
from gongkai.reports.domain.snapshot import build_snapshot, flat_figures, tables_of
from gongkai.reports.models import AnnualReport, DeclaredFigure, PastReport, ReportParticular, ReportStatus
from gongkai.reports.sources import READS, gather

# The rules a report is made under, by its form: a 2008-form report answers to the 2008 条例 alone.
LEGAL_BASIS = {
    ReportForm.F2021: "《中华人民共和国政府信息公开条例》第四十九条、第五十条；国办公开办函〔2021〕30号",
    ReportForm.TRIAL_2019: "《中华人民共和国政府信息公开条例》第四十九条、第五十条；国办公开办函〔2019〕60号",
    ReportForm.LEGACY: "《中华人民共和国政府信息公开条例》（2008年施行）第三十一条、第三十二条",
}
MAX_NARRATIVE = 20000


def _require(actor, action: str, agency: Agency, message: str) -> None:
    if not can(actor, action, agency):
        raise NotAllowed(message, action=action)   # message: a marked source string, rendered when read


def resolve_scope(agency: Agency, codes: list[str] | None) -> list[Agency]:
    """The agencies a report counts: the agency itself plus those below it it chooses (roll-up). ``None``
    means the agency alone; ``["*"]`` its whole subtree."""
    below = Agency.objects.filter(path__startswith=agency.path, is_active=True).exclude(pk=agency.pk)
    if not codes:
        return [agency]
    if codes == ["*"]:
        return [agency, *below.order_by("path", "sort_order")]
    chosen = list(below.filter(code__in=codes).order_by("path", "sort_order"))
    unknown = sorted(set(codes) - {a.code for a in chosen} - {agency.code})
    if unknown:
        raise ValidationFailed(_("以下机构不在%(agency)s之下，不能汇总：%(unknown)s"), code="reports.bad_scope", agency=agency.name, unknown=unknown)
    return [agency, *chosen]


def previous_tables(agency: Agency, year: int) -> dict | None:
    last = (AnnualReport.objects.filter(agency=agency, year=year - 1, status=ReportStatus.PUBLISHED)
            .order_by("-version").first())
    if last is not None and last.form != ReportForm.LEGACY:
        return tables_of(last.snapshot)
    past = PastReport.objects.filter(agency=agency, year=year - 1).first()
    return past.tables if past else None


def compute_snapshot(*, agency: Agency, scope: list[Agency], year: int, form: ReportForm,
                     on_progress=None) -> dict:
    """The year's statistics; ``on_progress(done, total)`` as each part is read, computed and checked."""
    steps = READS + 2   # the reads, the statistics, the checks across years
    report = (lambda done, _total: on_progress(done, steps)) if on_progress is not None else None
    snapshot = build_snapshot(gather(agency=agency, scope=scope, year=year, form=form, on_progress=report))
    if on_progress is not None:
        on_progress(steps - 1, steps)
    previous = previous_tables(agency, year) if form != ReportForm.LEGACY else None
    if previous is not None:
        snapshot["findings"] += [f.as_dict() for f in check_across_years(tables_of(snapshot), previous)]
    if on_progress is not None:
        on_progress(steps, steps)
    return snapshot


def _check_year(year: int) -> None:
    if not 2008 <= year <= timezone.localdate().year:
        raise ValidationFailed(_("报告年度应在 2008 年至今年之间"), code="reports.bad_year")


@transaction.atomic
def generate_report(*, actor, agency: Agency, year: int, form: ReportForm | None = None,
                    scope_codes: list[str] | None = None, on_progress=None) -> AnnualReport:
    """Freeze a year's data into the agency's draft (creating it, or refreshing it while still a draft)."""
    _require(actor, "report.edit", agency, _("您无权编制该机构的年度报告"))
    _check_year(year)
    form = ReportForm(form or default_form(year))
    scope = resolve_scope(agency, scope_codes)
    report = AnnualReport.objects.select_for_update().filter(agency=agency, year=year,
                                                             status=ReportStatus.DRAFT).first()
    if report is None and AnnualReport.objects.filter(agency=agency, year=year).exists():
        raise InvalidTransition(_("该年度报告已发布，发布后不能重新生成；如需更正请新建更正版本"), code="reports.published")
    snapshot = compute_snapshot(agency=agency, scope=scope, year=year, form=form, on_progress=on_progress)
    drafted = draft_from(snapshot, agency=agency)
    now = timezone.now()
    if report is None:
        report = AnnualReport.objects.create(agency=agency, year=year, form=form, snapshot=snapshot,
                                             narrative=drafted, generated_at=now)
        action, before = "report.generated", None
    else:
        before = {"form": report.form, "facts": report.snapshot.get("facts")}
        # The parts drafted from records follow the records; what only the office writes stays its text.
        kept = office_text(report.narrative, form, drafted=draft_from(report.snapshot, agency=agency)) \
            if report.form == form else {}
        narrative = {**drafted, **kept}
        report.form, report.snapshot, report.narrative, report.generated_at = form, snapshot, narrative, now
        report.save()
        action = "report.regenerated"
    report.scope.set(scope)
    record_event(actor=actor, obj=report, action=action, before=before,
                 after={"form": form.value, "scope": [a.code for a in scope], "facts": snapshot["facts"]},
                 legal_basis=LEGAL_BASIS[form])
    return report


def draft_from(snapshot: dict, *, agency: Agency) -> dict[str, str]:
    return draft(ReportForm(snapshot["form"]), flat_figures(snapshot), year=snapshot["year"], agency=agency.name,
                 channel_labels=snapshot["channel_labels"], particulars=snapshot.get("particulars") or {})


def office_text(narrative: dict, form: ReportForm, *, drafted: dict | None = None) -> dict[str, str]:
    """The parts of a narrative the office has written (``OFFICE_SECTIONS``): a part it left as the platform
    drafted it (``drafted``, the draft of the same snapshot) or as a request to fill in follows the records."""
    placeholder = "（请公开办"
    drafted = drafted or {}
    return {key: narrative[key] for key in OFFICE_SECTIONS[form.value]
            if narrative.get(key) and not narrative[key].startswith(placeholder)
            and narrative[key] != drafted.get(key)}


def latest_office_text(agency: Agency, year: int, form: ReportForm) -> dict[str, str]:
    """The office's own parts from the newest version of the year's report, for a rebuild from records."""
    latest = AnnualReport.objects.filter(agency=agency, year=year, form=form).order_by("-version").first()
    if latest is None:
        return {}
    try:
        drafted = draft_from(latest.snapshot, agency=agency)
    except (KeyError, TypeError):  # a snapshot frozen by an older schema: every written part counts
        drafted = {}
    return office_text(latest.narrative, form, drafted=drafted)


def _draft_only(report: AnnualReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise InvalidTransition(_("已发布的报告不能修改；如需更正请新建更正版本"), code="reports.published")


@transaction.atomic
def update_narrative(*, actor, report: AnnualReport, narrative: dict[str, str]) -> AnnualReport:
    _require(actor, "report.edit", report.agency, _("您无权编辑该年度报告"))
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _draft_only(report)
    allowed = narrative_keys(ReportForm(report.form))
    unknown = set(narrative) - set(allowed)
    if unknown:
        raise ValidationFailed(_("未知的正文部分：%(unknown)s"), code="reports.bad_section", unknown=sorted(unknown))
    if any(len(text or "") > MAX_NARRATIVE for text in narrative.values()):
        raise ValidationFailed(_("正文每部分不超过%(max_narrative)s字"), code="reports.too_long", max_narrative=MAX_NARRATIVE)
    before = {k: report.narrative.get(k, "") for k in narrative}
    report.narrative = {**report.narrative, **{k: (v or "").strip() for k, v in narrative.items()}}
    report.save(update_fields=["narrative", "updated_at"])
    record_event(actor=actor, obj=report, action="report.narrative_edited", before=before,
                 after={k: report.narrative[k] for k in narrative})
    return report


def contradictions(report: AnnualReport) -> list:
    return find_contradictions(report.narrative, flat_figures(report.snapshot))


def blocking_findings(report: AnnualReport) -> list[dict]:
    return [f for f in report.snapshot.get("findings", []) if f["level"] == ERROR]


def _signed_on(report: AnnualReport, signed_on: dt.date | None) -> dt.date:
    """The date under the report: the day the office signs it (today unless given), after the year it reports
    on and not in the future."""
    today = local_today()
    signed_on = signed_on or today
    if signed_on.year <= report.year:
        raise ValidationFailed(_("成文日期应在报告年度（%(report_year)s年）结束之后"), code="reports.bad_date", report_year=report.year)
    if signed_on > today:
        raise ValidationFailed(_("成文日期不能晚于今天"), code="reports.bad_date")
    return signed_on


@transaction.atomic
def publish_report(*, actor, report: AnnualReport, signed_on: dt.date | None = None) -> AnnualReport:
    """Publish a draft: refused while any identity fails (条例 art. 47: an inaccurate report is a failing).
    ``signed_on`` is the date printed under it (the office's signing date; today when not given)."""
    _require(actor, "report.publish", report.agency, _("您无权发布该机构的年度报告"))
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _draft_only(report)
    signed_on = _signed_on(report, signed_on)
    errors = blocking_findings(report)
    if errors:
        raise ValidationFailed(_("勾稽关系不成立，不能发布：%(details)s"), code="reports.identities_fail", details="；".join(f["message"] for f in errors[:5]))
    report.status, report.published_at, report.published_by = ReportStatus.PUBLISHED, timezone.now(), actor
    report.signed_on = signed_on
    report.save(update_fields=["status", "published_at", "published_by", "signed_on", "updated_at"])
    record_event(actor=actor, obj=report, action="report.published", from_state="draft", to_state="published",
                 legal_basis=LEGAL_BASIS[ReportForm(report.form)],
                 payload={"version": report.version, "signed_on": signed_on.isoformat()})
    return report


@transaction.atomic
def start_correction(*, actor, report: AnnualReport, note: str) -> AnnualReport:
    """A correction of a published report: a new draft version, data frozen afresh, narrative carried over,
    with a note the public sees. The published version stays as it was."""
    _require(actor, "report.edit", report.agency, _("您无权更正该年度报告"))
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(_("请填写更正说明（公众可见）"), code="reports.note_required")
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.PUBLISHED:
        raise InvalidTransition(_("只有已发布的报告才需要更正；草稿可直接修改"), code="reports.not_published")
    if AnnualReport.objects.filter(agency=report.agency, year=report.year, status=ReportStatus.DRAFT).exists():
        raise InvalidTransition(_("该年度已有未发布的更正草稿"), code="reports.draft_exists")
    latest = AnnualReport.objects.filter(agency=report.agency, year=report.year).order_by("-version").first()
    form = ReportForm(report.form)
    scope = list(report.scope.all()) or [report.agency]
    snapshot = compute_snapshot(agency=report.agency, scope=scope, year=report.year, form=form)
    correction = AnnualReport.objects.create(
        agency=report.agency, year=report.year, form=form, version=latest.version + 1, snapshot=snapshot,
        narrative=dict(report.narrative), generated_at=timezone.now(), corrects=latest, correction_note=note,
    )
    correction.scope.set(scope)
    record_event(actor=actor, obj=correction, action="report.correction_started", reason=note,
                 payload={"corrects": latest.pk, "version": correction.version})
    return correction


def declarable_cells(form: ReportForm) -> list[tuple[str, str, str]]:
    trial = form == ReportForm.TRIAL_2019
    computed = NORMATIVE_ROWS_2019 if trial else NORMATIVE_ROWS_2021
    return [cell for cell in t2_cells(trial) if cell[1] not in computed]


@transaction.atomic
def declare_figure(*, actor, agency: Agency, year: int, cell: str, value, source: str) -> DeclaredFigure:
    """Record a table-二 figure that has no record in the platform, with its source."""
    _require(actor, "report.edit", agency, _("您无权填报该机构的数字"))
    _check_year(year)
    valid = {t2_key(*c): c for form in (ReportForm.F2021, ReportForm.TRIAL_2019) for c in declarable_cells(form)}
    # A 2008-form report's site statistics: (label, unit) read as a cell of that column.
    valid |= {key: (key, label, unit) for key, (label, unit) in DECLARED_LEGACY.items()}
    if cell not in valid:
        raise ValidationFailed(_("该单元格不能填报（规章、规范性文件由平台记录统计）"), code="reports.bad_cell")
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationFailed(_("数值应为数字"), code="reports.bad_value") from None
    column = valid[cell][2]
    if not amount.is_finite() or (amount < 0 and column not in T2_SIGNED_COLUMNS):
        raise ValidationFailed(_("数值不能为负数"), code="reports.bad_value")
    if "万元" not in column and "金额" not in column and amount != amount.to_integral_value():
        raise ValidationFailed(_("件数应为整数"), code="reports.bad_value")
    source = (source or "").strip()
    if not source:
        raise ValidationFailed(_("请注明数据来源（如：行政审批系统年度统计）"), code="reports.source_required")
    figure = DeclaredFigure.objects.select_for_update().filter(agency=agency, year=year, cell=cell).first()
    before = None if figure is None else {"value": figure.value, "source": figure.source}
    if figure is None:
        figure = DeclaredFigure(agency=agency, year=year, cell=cell)
    figure.value, figure.source = amount, source[:300]
    figure.declared_by = actor if getattr(actor, "is_authenticated", False) else None
    figure.save()
    record_event(actor=actor, obj=figure, action="report.figure_declared", before=before,
                 after={"value": amount, "source": figure.source}, payload={"cell": cell, "year": year})
    return figure


def _names_agency(agency: Agency, named: str) -> bool:
    named = named.strip()
    return not named or named in {agency.code, agency.name, agency.short_name} or named.startswith(agency.name)


@transaction.atomic
def import_past_report(*, actor, agency: Agency, year: int | None, tables: dict, source_name: str,
                       file_year: int | None = None, file_agency: str = "") -> PastReport:
    """Keep a report published elsewhere as history. The year is the file's own (``file_year``); a year or
    agency asked for that differs from what the file says is refused, so a 2024 report is never kept as 2023."""
    _require(actor, "report.edit", agency, _("您无权为该机构导入往年报告"))
    if year is None and file_year is None:
        raise ValidationFailed(_("文件中没有注明报告年度，请指定年度"), code="reports.year_required")
    if year is not None and file_year is not None and year != file_year:
        raise ValidationFailed(_("文件是%(file_year)s年度的报告，与指定的%(year)s年度不符，未导入"), code="reports.year_mismatch", file_year=file_year, year=year)
    if not _names_agency(agency, file_agency or ""):
        raise ValidationFailed(_("文件是“%(file_agency)s”的报告，不是%(agency)s的，未导入"), code="reports.agency_mismatch", file_agency=file_agency, agency=agency.name)
    year = file_year if file_year is not None else year
    _check_year(year)
    past, created = PastReport.objects.update_or_create(
        agency=agency, year=year,
        defaults={"form": tables["form"], "tables": _json_tables(tables), "source_name": source_name[:300],
                  "imported_by": actor if getattr(actor, "is_authenticated", False) else None},
    )
    record_event(actor=actor, obj=past, action="report.past_imported", payload={"year": year, "file": source_name,
                 "replaced": not created})
    return past


def _json_tables(tables: dict) -> dict:
    def enc(v):
        if isinstance(v, dict):
            return {k: enc(x) for k, x in v.items()}
        return f"{v:f}" if isinstance(v, Decimal) else v

    return enc(tables)


@transaction.atomic
def set_particular(*, actor, agency: Agency, year: int, key: str, text: str) -> ReportParticular:
    """Record a fact of the year the report states in words (``PARTICULARS``): the leader in charge, the
    portal's name."""
    _require(actor, "report.edit", agency, _("您无权填写该机构的报告事项"))
    _check_year(year)
    if key not in PARTICULARS:
        raise ValidationFailed(_("未知的报告事项：%(key)s"), code="reports.bad_particular", key=key)
    text = (text or "").strip()
    if not text or len(text) > 300:
        raise ValidationFailed(_("请填写内容（不超过300字）"), code="reports.bad_particular")
    particular = ReportParticular.objects.select_for_update().filter(agency=agency, year=year, key=key).first()
    before = None if particular is None else {"text": particular.text}
    if particular is None:
        particular = ReportParticular(agency=agency, year=year, key=key)
    particular.text = text
    particular.save()
    record_event(actor=actor, obj=particular, action="report.particular_set", before=before,
                 after={"text": text}, payload={"key": key, "year": year})
    return particular
