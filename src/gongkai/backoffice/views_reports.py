"""Staff pages for annual reports: list and generate, the report with drill-down links, narrative editing,
publication and correction. Services do every write."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.policy import can
from gongkai.agencies.selectors import history
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.views_reports_forms import CorrectionForm, GenerateForm
from gongkai.core import background
from gongkai.core.errors import DomainError, ValidationFailed
from gongkai.reports import selectors, services
from gongkai.reports.domain.deadlines import report_due_on
from gongkai.reports.domain.forms import ReportForm, narrative_keys, narrative_titles
from gongkai.reports.domain.grid import fmt
from gongkai.reports.renderers.document import document_of
from gongkai.reports.renderers.html import render_html


def _report(request, pk, action="report.view"):
    """A missing report is 404 and a forbidden one 403 (``reports.selectors.access_report``, via
    ``staff_required``), as for every object and from every interface."""
    return selectors.access_report(request.user, pk, action)


@staff_required
def report_list(request):
    agencies = selectors.report_agencies(request.user)
    form = GenerateForm(agencies=agencies, initial={"year": timezone.localdate().year - 1, "include": "*"})
    return render(request, "backoffice/reports/list.html", {
        "reports": selectors.staff_reports(request.user)[:200],
        "form": form if agencies.exists() else None,
        "past": selectors.past_reports(request.user)[:50],
    })


@staff_required
@require_POST
def report_generate(request):
    agencies = selectors.report_agencies(request.user)
    form = GenerateForm(request.POST, agencies=agencies)
    if not form.is_valid():
        return render(request, "backoffice/reports/list.html", {
            "reports": selectors.staff_reports(request.user)[:200], "form": form,
            "past": selectors.past_reports(request.user)[:50],
        }, status=400)
    agency = form.cleaned_data["agency"]
    year = form.cleaned_data["year"]
    work = background.start("report.generate", actor=request.user,
                            label=_("统计年度报告：%(agency)s %(year)s 年度") % {"agency": agency.name, "year": year},
                            arguments={"agency_id": agency.pk, "year": year, "form": form.cleaned_data["form"] or None,
                                       "scope_codes": form.scope_codes(), "notice": "generated"})
    return redirect("backoffice:work_detail", pk=work.pk)


def drill_link(report):
    base = reverse("backoffice:report_records", args=[report.pk])

    def link(drill):
        table, row, column = drill
        from urllib.parse import urlencode

        return f"{base}?{urlencode({'t': table, 'r': row, 'c': column})}"

    return link


@staff_required
def report_detail(request, pk):
    report = _report(request, pk)
    document = document_of(report, link=drill_link(report))
    titles = narrative_titles(ReportForm(report.form))
    editable = not report.is_published and can(request.user, "report.edit", report)
    narrative_fields = [(key, titles[key], report.narrative.get(key, "")) for key in narrative_keys(ReportForm(report.form))]
    snapshot = selectors.report_snapshot(report)
    return render(request, "backoffice/reports/detail.html", {
        "report": report,
        "document_html": render_html(document, standalone=False, staff=True),
        "findings": snapshot.findings,
        "blocking": services.blocking_findings(report),
        "contradictions": services.contradictions(report),
        "narrative_fields": narrative_fields,
        "editable": editable,
        "can_publish": not report.is_published and can(request.user, "report.publish", report),
        "can_correct": report.is_published and can(request.user, "report.edit", report),
        "correction_form": CorrectionForm(),
        "declared": snapshot.declared,
        "shares": snapshot.shares,
        "events": history(request.user, report),
        "versions": selectors.report_versions(report),
        "figures": [(f, fmt(f.value)) for f in snapshot.figures if f.value is not None],
    })


@staff_required
@require_POST
def report_edit(request, pk):
    report = _report(request, pk, "report.edit")
    keys = narrative_keys(ReportForm(report.form))
    try:
        services.update_narrative(actor=request.user, report=report,
                                  narrative={k: request.POST.get(k, "") for k in keys})
        messages.success(request, _("正文已保存。"))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("backoffice:report_detail", pk=report.pk)


@staff_required
@require_POST
def report_regenerate(request, pk):
    report = _report(request, pk, "report.edit")
    scope = [a.code for a in report.scope.all() if a.pk != report.agency_id]
    work = background.start(
        "report.generate", actor=request.user,
        label=_("重新统计年度报告：%(agency)s %(year)s 年度") % {"agency": report.agency.name, "year": report.year},
        arguments={"agency_id": report.agency_id, "year": report.year, "form": report.form,
                   "scope_codes": scope or None, "notice": "regenerated"})
    return redirect("backoffice:work_detail", pk=work.pk)


@staff_required
@require_POST
def report_publish(request, pk):
    report = _report(request, pk, "report.publish")
    try:
        raw = (request.POST.get("signed_on") or "").strip()
        try:
            signed_on = dt.date.fromisoformat(raw) if raw else None
        except ValueError:
            raise ValidationFailed(_("成文日期格式不正确，应为 YYYY-MM-DD"), code="bad_date") from None
        services.publish_report(actor=request.user, report=report, signed_on=signed_on)
        messages.success(request, _("已发布到政府信息公开年报栏目。"))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("backoffice:report_detail", pk=report.pk)


@staff_required
@require_POST
def report_correct(request, pk):
    report = _report(request, pk, "report.edit")
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写更正说明。"))
        return redirect("backoffice:report_detail", pk=report.pk)
    try:
        correction = services.start_correction(actor=request.user, report=report, note=form.cleaned_data["note"])
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("backoffice:report_detail", pk=report.pk)
    messages.success(request, _("已新建更正版本（草稿）。"))
    return redirect("backoffice:report_detail", pk=correction.pk)


def workbench_panel(user):
    """Each agency's report for last year and its due date (条例 art. 49; 2008 条例 art. 31)."""
    agencies = list(selectors.report_agencies(user, "report.view")[:60])
    if not agencies:
        return None
    year = timezone.localdate().year - 1
    reports = selectors.latest_reports(agencies, year)
    rows = []
    for agency in agencies:
        due = report_due_on(agency.kind, year, township_due=settings_township_due())
        report = reports.get(agency.pk)
        rows.append({"agency": agency, "due": due, "report": report,
                     "late": (report is None or not report.is_published) and timezone.localdate() > due})
    return {"year": year, "rows": rows}


def settings_township_due() -> tuple[int, int]:
    from django.conf import settings

    return getattr(settings, "GONGKAI_TOWNSHIP_REPORT_DUE", (3, 31))
