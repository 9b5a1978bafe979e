"""Staff pages behind the numbers: the records of one cell (drill-down), per-agency shares, downloads,
declared table-二 figures and imports of past reports."""

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.policy import can
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.views_reports import _report
from gongkai.backoffice.views_reports_forms import DeclareForm, ImportForm
from gongkai.core.errors import DomainError, NotAllowed
from gongkai.engagement.domain.figures import ALL_FIGURES
from gongkai.reports import selectors, services, sources
from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.interchange import InterchangeError
from gongkai.reports.domain.layout import t2_key
from gongkai.reports.domain.reconcile import t3_cell_label, t4_cell_label
from gongkai.reports.importing import read_past_report
from gongkai.reports.renderers.document import document_of
from gongkai.reports.renderers.export import CONTENT_TYPES
from gongkai.reports.renderers.export import render as render_as

FIGURE_CHANNEL_PREFIX = "channel_"
FIGURE_FOCUS_PREFIX = "focus_"
# Every engagement figure opens the records it counts (archive quantities: the records they add up).
ENGAGEMENT_FIGURES = ALL_FIGURES
# A six-part report's figures that are one channel's items of a narrower set of agencies.
FIGURE_CHANNELS = {"compilation_documents": "compilation", "own_portal_items": "portal"}


def _url(name: str, pk: int) -> str | None:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


def _cell_label(report, table, row, column) -> str:
    if table == "table3":
        return t3_cell_label(row, column, trial_2019=report.form == ReportForm.TRIAL_2019)
    if table == "table4":
        return t4_cell_label(row, column)
    return f"表二 {row.replace('|', ' ')} / {column}"


LIMIT = 500
SHARE_LABELS = {"new": gettext_lazy("本年新收申请"), "results_total": gettext_lazy("本年办结申请"),
                "carried_out": gettext_lazy("结转下年度")}
# Counted figures that are sums of table cells: their records are those cells' records.
FIGURE_CELLS = {
    "applications_received": [("table3", "new", "total")],
    "applications_concluded": [("table3", "results_total", "total")],
    "applications_pending": [("table3", "carried_out", "total")],
    "reconsiderations": [("table4", "reconsideration", "total")],
    "lawsuits": [("table4", "direct_suit", "total"), ("table4", "suit_after_reconsideration", "total")],
    "normative_issued": [("table2", "第二十条第（一）项|规章", "本年制发件数"),
                         ("table2", "第二十条第（一）项|行政规范性文件", "本年制发件数")],
}


def _hidden(record_id: int) -> dict:
    # Counted in the cell but outside what this user may open: listed by number only.
    return {"text": f"#{record_id}", "agency": "", "date": None, "url": None, "hidden": True}


@staff_required
def report_records(request, pk):
    report = _report(request, pk)
    table, row, column = request.GET.get("t", ""), request.GET.get("r", ""), request.GET.get("c", "")
    scope_ids = [a["id"] for a in report.snapshot.get("scope", [])]
    rows, count, label = [], 0, ""
    try:
        if table == "fig":
            figure = next(f for f in report.snapshot.get("figures", []) if f["key"] == row)
            # Rates and amounts are stored as decimal strings; the page shows the figure as the report does.
            value = figure["value"]
            label, count = figure["label"], (Decimal(value).normalize() if isinstance(value, str) else value or 0)
            if f"legacy|{row}" in report.snapshot.get("declared", {}):
                rows = _declared_rows(report.snapshot["declared"][f"legacy|{row}"])
            elif row in DERIVED_FIGURES:
                rows = _derived_rows(request.user, report, scope_ids, DERIVED_FIGURES[row])
            elif row in FIGURE_CELLS and report.snapshot["tables"]["form"] == "2021":
                cells = FIGURE_CELLS[row]
                ids = [i for t, r, c in cells for i in selectors.cell_record_ids(report, t, r, c)]
                rows = _record_rows(request.user, report, cells[0][0], ids[:LIMIT])
            elif row.startswith(FIGURE_CHANNEL_PREFIX) or row in FIGURE_CHANNELS:
                channel = FIGURE_CHANNELS.get(row) or row[len(FIGURE_CHANNEL_PREFIX):]
                agencies = [report.agency_id] if row == "own_portal_items" else scope_ids
                items = sources.visible_channel_items(request.user, agency_ids=agencies, year=report.year,
                                                      channel=channel)
                rows = _item_rows(items[:LIMIT])
            elif row.startswith(FIGURE_FOCUS_PREFIX):
                items = sources.visible_focus_items(request.user, agency_ids=scope_ids, year=report.year,
                                                    focus=row[len(FIGURE_FOCUS_PREFIX):])
                rows = _item_rows(items[:LIMIT])
            elif row in ENGAGEMENT_FIGURES and can(request.user, "engagement.view", report.agency):
                records = sources.engagement_records(agency_ids=scope_ids, year=report.year, figure=row)
                rows = [{"text": str(r), "agency": "", "date": None, "url": None} for r in records[:LIMIT]]
        elif table == "agency":
            share = report.snapshot["per_agency"][row]
            ids = share["ids"][column]
            name = next(a["name"] for a in report.snapshot["scope"] if str(a["id"]) == row)
            count, label = len(ids), f"{name} · {SHARE_LABELS[column]}"
            rows = _record_rows(request.user, report, "table3", ids[:LIMIT])
        elif table == "table2" and f"{row}|{column}" in report.snapshot.get("declared", {}):
            # A declared cell (许可, 处罚, 强制, 收费): its record is the declaration, with its source.
            declared = report.snapshot["declared"][f"{row}|{column}"]
            value = declared["value"]
            count = Decimal(value).normalize() if isinstance(value, str) else value
            label, rows = _cell_label(report, table, row, column), _declared_rows(declared)
        else:
            ids = selectors.cell_record_ids(report, table, row, column)
            count, label = len(ids), _cell_label(report, table, row, column)
            rows = _record_rows(request.user, report, table, ids[:LIMIT])
    except (KeyError, StopIteration):
        raise Http404 from None
    return render(request, "backoffice/reports/records.html", {
        "report": report, "label": label, "count": count, "rows": rows,
        "limited": LIMIT if isinstance(count, int) and count > len(rows) == LIMIT else 0,
        "hidden": sum(1 for r in rows if r.get("hidden")),
    })


# A derived figure (a rate) opens the figures it is computed from: (numerator, denominator) record sets.
DERIVED_FIGURES = {
    "satisfaction_rate": (("mailbox_satisfied", gettext_lazy("满意和基本满意的评价")),
                          ("mailbox_rated", gettext_lazy("作出评价的来件"))),
    "mailbox_acceptance_rate": (("mailbox_accepted", gettext_lazy("受理的来件")),
                                ("mailbox_received", gettext_lazy("系统来件"))),
    "mailbox_completion_rate": (("mailbox_completed", gettext_lazy("办结的来件")),
                                ("mailbox_received", gettext_lazy("系统来件"))),
}


def _declared_rows(declared: dict) -> list[dict]:
    return [{"text": f"{entry['agency']}：{entry['value']}（{_('来源')}：{entry['source']}；{entry['by']}）",
             "agency": entry["agency"], "date": None, "url": None} for entry in declared.get("sources", [])]


def _derived_rows(user, report, scope_ids: list[int], parts) -> list[dict]:
    if not can(user, "engagement.view", report.agency):
        return []
    rows = []
    for figure, label in parts:
        n = sources.engagement_records(agency_ids=scope_ids, year=report.year, figure=figure).count()
        rows.append({"text": f"{label}：{n}", "agency": "", "date": None, "url": None})
    return rows


def _item_rows(items) -> list[dict]:
    return [{"text": f"{i.index_number} {i.title}", "agency": i.agency.name, "date": i.published_on,
             "url": _url("backoffice:catalog_item", i.pk)} for i in items]


def _record_rows(user, report, table: str, ids: list[int]) -> list[dict]:
    """One row per record id of a cell, opened where the user may see the record, by number otherwise."""
    if table == "table2":
        shown = {i.pk: {"text": f"{i.index_number} {i.title}", "agency": i.agency.name, "date": i.published_on,
                        "url": _url("backoffice:catalog_item", i.pk)} for i in sources.item_rows(user, ids)}
    elif table == "table3":
        shown = {c.pk: {"text": c.tracking_code, "agency": c.agency.name, "date": c.received_on,
                        "url": _url("backoffice:case_detail", c.pk)} for c in sources.case_rows(user, ids)}
    else:
        cases = report.snapshot.get("appeal_cases", {})
        shown = {i: {"text": f"#{i}", "agency": "", "date": None,
                     "url": _url("backoffice:case_detail", cases[str(i)]) if cases.get(str(i)) else None}
                 for i in ids}
    return [shown.get(i) or _hidden(i) for i in ids]


@staff_required
def report_download(request, pk, fmt):
    report = _report(request, pk)
    if fmt not in CONTENT_TYPES or fmt == "text":
        raise Http404
    document = document_of(report)
    response = HttpResponse(render_as(document, fmt), content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(document.filename)}.{fmt}"
    return response


@staff_required
def declared_figures(request, pk):
    report = _report(request, pk)
    editable = can(request.user, "report.edit", report.agency)
    cells = [t2_key(*c) for c in services.declarable_cells(ReportForm(report.form))] \
        if report.form != ReportForm.LEGACY else []
    form = DeclareForm(request.POST or None, cells=cells)
    if request.method == "POST":
        if not editable:
            raise NotAllowed(_("您无权填报该机构的数字"))
        if form.is_valid():
            try:
                services.declare_figure(actor=request.user, agency=report.agency, year=report.year,
                                        cell=form.cleaned_data["cell"], value=form.cleaned_data["value"],
                                        source=form.cleaned_data["source"])
                messages.success(request, _("已保存。重新统计后写入报告草稿。"))
                return redirect("backoffice:report_declared", pk=report.pk)
            except DomainError as exc:
                form.add_error(None, str(exc))
    return render(request, "backoffice/reports/declared.html", {
        "report": report, "form": form if editable else None,
        "figures": selectors.declared_for(report.agency, report.year),
    }, status=400 if form.errors else 200)


@staff_required
def import_past(request):
    agencies = selectors.report_agencies(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = read_past_report(upload.name, upload.read())
            bad = [f.message for f in parsed.findings if f.level == "error"]
            if bad:
                raise InterchangeError("；".join(bad[:5]))
            services.import_past_report(actor=request.user, agency=form.cleaned_data["agency"],
                                        year=form.cleaned_data["year"], tables=parsed.tables, source_name=upload.name,
                                        file_year=parsed.year, file_agency=parsed.agency)
        except (InterchangeError, DomainError) as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("已导入，作为跨年度检查的历史。"))
            return redirect("backoffice:reports")
    return render(request, "backoffice/reports/import.html", {"form": form},
                  status=400 if form.errors else 200)
