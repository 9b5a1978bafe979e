"""The dashboard of the disclosure office and supervisors (``dashboard.view``): charts per month and per
agency, each with its data table in the page (it works without JavaScript) and an XLSX export."""

import datetime as dt
import io

from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.agencies.policy import agencies_where
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.views_dashboard_data import BUILDERS
from gongkai.core.query_params import query_year
from gongkai.core.spreadsheets import append_row
from gongkai.core.time import local_today

ECHARTS = "vendor/echarts.min.js"


def _scope(request):
    """The agency chosen (default: the highest one the user may see) and the ids of its subtree."""
    allowed = agencies_where(request.user, "dashboard.view")
    roots = [a for a in allowed.order_by("path") if not any(
        a.pk != b.pk and a.path.startswith(b.path) for b in allowed)]
    if not roots:
        raise PermissionDenied(_("您无权查看统计图表"))
    code = request.GET.get("agency") or roots[0].code
    agency = allowed.filter(code=code).first()
    if agency is None:
        raise PermissionDenied(_("您无权查看该机关的统计"))
    ids = list(allowed.filter(path__startswith=agency.path).values_list("pk", flat=True))
    return agency, ids, roots


def _year(request) -> int:
    today = local_today()
    return query_year(request, default=today.year, low=2000, high=today.year)


@staff_required
def dashboard(request):
    agency, ids, roots = _scope(request)
    year = _year(request)
    charts = [build(ids, year) for build in BUILDERS.values()]
    return render(request, "backoffice/dashboard/dashboard.html", {
        "agency": agency, "roots": roots, "year": year, "years": range(local_today().year, 2009, -1),
        "charts": charts, "chart_data": [c.as_json() for c in charts],
        "echarts": bool(finders.find(ECHARTS)), "echarts_path": ECHARTS,
    })


@staff_required
def export_xlsx(request, key):
    build = BUILDERS.get(key)
    if build is None:
        raise Http404
    agency, ids, _roots = _scope(request)
    year = _year(request)
    chart = build(ids, year)
    book = Workbook()
    sheet = book.active
    sheet.title = key[:31]
    append_row(sheet, [f"{agency.name} {year}年 {chart.title}"])
    sheet["A1"].font = Font(bold=True)
    append_row(sheet, [str(c) for c in chart.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in chart.rows:
        append_row(sheet, [float(v) if hasattr(v, "as_tuple") else v for v in row])   # names typed by staff
    sheet.append([])
    sheet.append([_("导出时间"), dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")])
    sheet.column_dimensions["A"].width = 24
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-{year}-{key}.xlsx"'
    return response
