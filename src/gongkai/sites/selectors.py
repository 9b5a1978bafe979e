"""The only readers of sites for other areas and the interfaces."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import agencies_where, can
from gongkai.core.errors import NotAllowed
from gongkai.core.time import local_today
from gongkai.sites import routing, yearly_reminders
from gongkai.sites.domain.error_reports import OPEN_STATUSES
from gongkai.sites.domain.identity import police_record_link
from gongkai.sites.models import ErrorReport, Site, SiteFigure, SiteVisitDay

OPEN = [s.value for s in OPEN_STATUSES]


def public_site(site_id: int) -> Site | None:
    return (Site.objects.filter(pk=site_id, is_active=True, agency__is_active=True)
            .select_related("agency").prefetch_related("domains").first())


def site_for_agency_path(path: str) -> Site | None:
    route = routing.route_for_agency_path(path)
    return public_site(route.site_id) if route else None


def identity(site: Site) -> dict:
    """What the footer of every page of the site prints (国办发〔2017〕47号 附件 政府网站发展指引 三）."""
    canonical = next((d.domain for d in site.domains.all() if d.is_canonical), "")
    return {
        "site": site, "canonical": canonical, "police_link": police_record_link(site.police_record),
    }


def managed_sites(user):
    return Site.objects.filter(agency__in=agencies_where(user, "site.manage")).select_related("agency")


def visible_sites(user):
    return Site.objects.filter(agency__in=agencies_where(user, "site.view")).select_related("agency")


def access_site(user, pk: int, action: str = "site.view") -> Site:
    site = Site.objects.select_related("agency").get(pk=pk)
    if not can(user, action, site.agency):
        raise NotAllowed(_("无权查看该网站"))
    return site


def error_reports_for(user):
    """The 找错 reports of the sites whose 主办单位 the user handles them for."""
    return (ErrorReport.objects.filter(site__agency__in=agencies_where(user, "site.handle_reports"))
            .select_related("site", "assignee"))


def access_error_report(user, pk: int) -> ErrorReport:
    report = ErrorReport.objects.select_related("site__agency", "assignee").get(pk=pk)
    if not can(user, "site.handle_reports", report.site.agency):
        raise NotAllowed(_("无权办理该网站的找错留言"))
    return report


def overdue_error_reports(user, today):
    return error_reports_for(user).filter(status__in=OPEN, reply_due_on__lt=today).order_by("reply_due_on")


def error_report_counts(site: Site, start, end, today=None) -> dict:
    """The 找错 figures of a site for reports received from ``start`` to ``end``: received, replied, replied
    in time, valid, still open, and of those open, past their reply limit on ``today``."""
    today = today or local_today()
    rows = ErrorReport.objects.filter(site=site, received_on__gte=start, received_on__lte=end)
    replied = rows.filter(replied_on__isnull=False)
    return {
        "received": rows.count(),
        "replied": replied.count(),
        "on_time": replied.filter(replied_on__lte=F("reply_due_on")).count(),
        "valid": rows.filter(is_valid=True).count(),
        "open": rows.filter(status__in=OPEN).count(),
        "overdue": rows.filter(status__in=OPEN, reply_due_on__lt=today).count(),
    }


def visit_totals(site: Site, start, end) -> dict:
    from django.db.models import Sum

    totals = SiteVisitDay.objects.filter(site=site, day__gte=start, day__lte=end).aggregate(
        views=Sum("views"), visitors=Sum("visitors"))
    return {"views": totals["views"] or 0, "visitors": totals["visitors"] or 0}


def sites_owing_yearly_report(user, today):
    """(stage, sites) the workbench reminds of: last year's 报表 not published, from 15 January."""
    return yearly_reminders.sites_owing(user, today)


def site_figures(site: Site, year: int) -> dict[str, SiteFigure]:
    return {f.key: f for f in SiteFigure.objects.filter(site=site, year=year)}


def site_of_agency(agency) -> Site | None:
    """The agency's own active site (its portal, or its department site), not one of a unit below it."""
    return (Site.objects.filter(agency=agency, is_active=True).exclude(site_type="special")
            .order_by("id").first())


def sites_integrated_in(agency, year: int, *, exclude: Site | None = None) -> int:
    """Sites of the agency and the units below it integrated into the cluster in ``year`` (the seed: "今年新增建设
    4家单位网站整合上线")."""
    sites = Site.objects.filter(agency__path__startswith=agency.path, integrated_on__year=year)
    return sites.exclude(pk=exclude.pk).count() if exclude else sites.count()
