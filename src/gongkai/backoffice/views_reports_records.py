"""Staff pages behind the numbers: the records of one cell (drill-down), per-agency shares, downloads,
declared table-二 figures and imports of past reports."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.policy import can
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.views_reports import _report
from gongkai.backoffice.views_reports_forms import DeclareForm, ImportForm
from gongkai.core.errors import DomainError, NotAllowed
from gongkai.reports import drill, selectors, services
from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.interchange import InterchangeError
from gongkai.reports.domain.layout import t2_key
from gongkai.reports.importing import read_past_report
from gongkai.reports.renderers.document import document_of
from gongkai.reports.renderers.export import CONTENT_TYPES
from gongkai.reports.renderers.export import render as render_as


@staff_required
def report_records(request, pk):
    report = _report(request, pk)
    table, row, column = request.GET.get("t", ""), request.GET.get("r", ""), request.GET.get("c", "")
    try:
        page = int(request.GET.get("p") or 1)
    except ValueError:
        page = 1
    try:
        found = drill.behind(request.user, report, table, row, column, page=page)
    except (KeyError, ValueError):
        raise Http404 from None
    base = reverse("backoffice:report_records", args=[report.pk])
    query = {"t": table, "r": row, "c": column}
    return render(request, "backoffice/reports/records.html", {
        "report": report, "behind": found, "label": found.label, "count": found.figure, "rows": found.rows,
        "hidden": found.hidden,
        "parts": [{**p, "url": f"{base}?{urlencode({'t': 'fig', 'r': p['key']})}"} for p in found.parts],
        "previous": f"{base}?{urlencode({**query, 'p': found.page - 1})}" if found.page > 1 else None,
        "next": f"{base}?{urlencode({**query, 'p': found.page + 1})}" if found.page < found.pages else None,
    })


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
