"""Inspection readiness (spec §6.1): each site against the single-veto rules, before an inspector finds it;
and the public page views of each site."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext

from gongkai.agencies.policy import agencies_where
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.inspection_facts import check
from gongkai.core.time import local_today
from gongkai.engagement.selectors import inspection_risk_messages
from gongkai.search.selectors import page_view_totals


def _in_reader_language(finding) -> dict:
    return {"failed": finding.failed, "detail": gettext(finding.message) % finding.params,
            "items": [gettext(message) % params for message, params in finding.item_messages]}


@staff_required
def inspection(request):
    agencies = list(agencies_where(request.user, "inspection.view").filter(is_active=True).order_by("path"))
    if not agencies:
        raise PermissionDenied("您无权查看网站检查")
    today = local_today()
    unanswered = dict.fromkeys((a.pk for a in agencies), 0)
    for agency_id in inspection_risk_messages(today=today).filter(
            agency_id__in=list(unanswered)).values_list("agency_id", flat=True):
        unanswered[agency_id] += 1
    start = dt.date(today.year, 1, 1)
    views = page_view_totals(agency_ids=[a.pk for a in agencies], start=start, end=today)
    recent = page_view_totals(agency_ids=[a.pk for a in agencies], start=today - dt.timedelta(days=29), end=today)
    sites = []
    for agency in agencies:
        findings = [_in_reader_language(f) for f in check(agency, today=today, unanswered=unanswered[agency.pk])]
        sites.append({"agency": agency, "findings": findings, "failed": [f for f in findings if f["failed"]],
                      "views_year": views.get(agency.pk, 0), "views_30": recent.get(agency.pk, 0)})
    sites.sort(key=lambda s: (-len(s["failed"]), s["agency"].path))
    return render(request, "backoffice/inspection/index.html", {
        "sites": sites, "today": today, "failing": sum(1 for s in sites if s["failed"]),
        "views_total": sum(s["views_year"] for s in sites), "link_check": settings.GONGKAI_LINK_CHECK,
    })
