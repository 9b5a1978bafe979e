"""Staff pages of the site cluster: the sites and their identity, yearly figures, and each site's 找错 queue."""

import datetime as dt

from django.contrib import messages as flash
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.agencies.policy import agencies_where, can
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.views_sites_forms import AssignReportForm, ReplyReportForm, SiteFigureForm, SiteForm
from gongkai.core.errors import DomainError
from gongkai.core.events import events_for
from gongkai.core.form_errors import add_domain_error
from gongkai.core.time import local_today
from gongkai.sites import selectors, selectors_yearly, services, yearly
from gongkai.sites.domain import error_reports as rules
from gongkai.sites.domain.figures import FIGURE_KEYS
from gongkai.sites.services import IDENTITY_FIELDS

FIGURE_CHOICES = [(k, f"{label}（{unit}）") for k, (label, unit) in FIGURE_KEYS.items()]


@staff_required
def site_list(request):
    sites = selectors.visible_sites(request.user).prefetch_related("domains")
    today = local_today()
    open_counts = {}
    for site_id, due_on in selectors.error_reports_for(request.user).filter(status__in=selectors.OPEN).values_list(
            "site_id", "reply_due_on"):
        n, late = open_counts.get(site_id, (0, 0))
        open_counts[site_id] = (n + 1, late + (due_on < today))
    rows = [(s, open_counts.get(s.pk, (0, 0))) for s in sites]
    return render(request, "backoffice/sites/site_list.html", {
        "rows": rows, "may_create": agencies_where(request.user, "site.manage").exists()})


def _identity(site) -> dict:
    data = {name: getattr(site, name) for name in IDENTITY_FIELDS}
    data["domains"] = "\n".join(site.domains.order_by("-is_canonical", "domain").values_list("domain", flat=True))
    return data


@staff_required
def site_new(request):
    agencies = list(agencies_where(request.user, "site.manage").order_by("path"))
    if not agencies:
        raise PermissionDenied(_("您无权开设网站"))
    form = SiteForm(request.POST or None, agencies=agencies, initial={"is_active": True})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            agency = next(a for a in agencies if str(a.pk) == data.pop("agency"))
            try:
                site = services.create_site(actor=request.user, agency=agency, **data)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                flash.success(request, _("已开设网站"))
                return redirect("backoffice:site_edit", pk=site.pk)
    return render(request, "backoffice/sites/site_edit.html", {"form": form, "site": None}, status=status)


@staff_required
def site_edit(request, pk):
    site = selectors.access_site(request.user, pk)
    may_manage = can(request.user, "site.manage", site.agency)
    action = request.POST.get("action", "identity") if request.method == "POST" else ""
    form = SiteForm(request.POST if action == "identity" else None, initial=_identity(site))
    figure_form = SiteFigureForm(request.POST if action == "figure" else None, keys=FIGURE_CHOICES,
                                 initial={"year": local_today().year - 1})
    status = 200
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied(_("您无权修改该网站"))
        status = 400
        bound = form if action == "identity" else figure_form
        if bound.is_valid():
            try:
                if action == "identity":
                    services.update_site(actor=request.user, site=site, **bound.cleaned_data)
                else:
                    services.set_site_figure(actor=request.user, site=site, **bound.cleaned_data)
            except DomainError as exc:
                add_domain_error(bound, exc)
            else:
                flash.success(request, _("已保存"))
                return redirect("backoffice:site_edit", pk=site.pk)
    figures = sorted(site.figures.all(), key=lambda f: (-f.year, f.key))
    return render(request, "backoffice/sites/site_edit.html", {
        "site": site, "form": form, "figure_form": figure_form, "may_manage": may_manage,
        "figures": [(f, FIGURE_KEYS.get(f.key, (f.key, ""))) for f in figures],
        "history": events_for(site)[:30], "last_year": local_today().year - 1}, status=status)


@staff_required
def report_list(request):
    reports = selectors.error_reports_for(request.user)
    today = local_today()
    flag = request.GET.get("flag", "")
    if flag == "overdue":
        reports = reports.filter(status__in=selectors.OPEN, reply_due_on__lt=today)
    elif flag == "open":
        reports = reports.filter(status__in=selectors.OPEN)
    else:
        flag = ""
    page = Paginator(reports.order_by("-received_on", "-id"), 50).get_page(request.GET.get("page"))
    rows = [(r, rules.is_overdue(status=r.status, due_on=r.reply_due_on, today=today)) for r in page.object_list]
    return render(request, "backoffice/sites/report_list.html", {"page": page, "rows": rows, "flag": flag})


def _handlers(site):
    """Staff who may handle the site's reports: holders of a granting role reaching the site's agency."""
    User = get_user_model()
    people = User.objects.filter(is_active=True, memberships__isnull=False).distinct().order_by("username")
    return [u for u in people if can(u, "site.handle_reports", site.agency)]


@staff_required
def report_detail(request, pk):
    report = selectors.access_error_report(request.user, pk)
    people = _handlers(report.site)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    assign = AssignReportForm(request.POST if action == "assign" else None, people=people,
                              initial={"assignee": report.assignee_id})
    reply = ReplyReportForm(request.POST if action == "reply" else None)
    status, error = 200, ""
    if request.method == "POST":
        status = 400
        form = {"assign": assign, "reply": reply}.get(action)
        if form is not None and form.is_valid():
            try:
                if action == "assign":
                    person = next(u for u in people if str(u.pk) == form.cleaned_data["assignee"])
                    services.assign_error_report(actor=request.user, report=report, assignee=person)
                else:
                    services.reply_error_report(actor=request.user, report=report, **form.cleaned_data)
            except DomainError as exc:
                error = exc.message
            else:
                flash.success(request, _("已保存"))
                return redirect("backoffice:site_report", pk=report.pk)
    return render(request, "backoffice/sites/report_detail.html", {
        "report": report, "assign": assign, "reply": reply, "error": error,
        "open": rules.ReportStatus(report.status) in rules.OPEN_STATUSES,
        "overdue": rules.is_overdue(status=report.status, due_on=report.reply_due_on, today=local_today()),
        "history": events_for(report)}, status=status)


def workbench_panel(user):
    """Overdue 找错 reports of the sites the user answers for, and from 15 January the sites whose last year's
    政府网站工作年度报表 is not published yet (due 31 January, 国办函〔2018〕12号)."""
    reports = selectors.error_reports_for(user)
    if not agencies_where(user, "site.handle_reports").exists() and not agencies_where(user, "site.manage").exists():
        return None
    today = local_today()
    overdue = selectors.overdue_error_reports(user, today)
    stage, missing = selectors.sites_owing_yearly_report(user, today)
    return {"open": reports.filter(status__in=selectors.OPEN).count(), "overdue": overdue.count(),
            "oldest": list(overdue[:5]), "missing": missing, "missing_overdue": stage == "overdue",
            "last_year": today.year - 1}



@staff_required
def yearly_report(request, pk, year):
    """The 报表 of a year as counted now (or as published), with the sources; publishing it puts it on the
    site's home page."""
    site = selectors.access_site(request.user, pk)
    may_manage = can(request.user, "site.manage", site.agency)
    error, status = "", 200
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied(_("您无权发布该网站的年度报表"))
        try:
            yearly.publish_yearly_report(actor=request.user, site=site, year=year)
        except DomainError as exc:
            error, status = exc.message, 400
        else:
            flash.success(request, _("已发布，网站首页显示此报表"))
            return redirect("backoffice:site_yearly", pk=site.pk, year=year)
    return render(request, "backoffice/sites/yearly_report.html", {
        "site": site, "report": yearly.yearly_report(site, year), "may_manage": may_manage, "error": error,
        "year": year, "drill_site": site, "drillable": selectors_yearly.DRILLABLE,
        "errors": selectors.error_report_counts(site, dt.date(year, 1, 1), dt.date(year, 12, 31))}, status=status)
