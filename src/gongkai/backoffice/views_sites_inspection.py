"""Staff pages behind the 政府网站工作年度报表: the records a counted row is made of (drill-down), and the
inspection view of the sites a user sees for a year (报表 published in time, 找错 answered, visits)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.backoffice.access import staff_required
from gongkai.core.time import local_today
from gongkai.sites import selectors, selectors_yearly


@staff_required
def yearly_drill(request, pk, year, key):
    site = selectors.access_site(request.user, pk)
    found = selectors_yearly.drill(site, year, key)
    if found is None:
        raise Http404(_("该项目不是按记录统计的数值"))
    return render(request, "backoffice/sites/yearly_drill.html", {"site": site, "year": year, "drill": found,
                                                                 "limit": selectors_yearly.DRILL_LIMIT})


@staff_required
def inspection(request):
    today = local_today()
    try:
        year = int(request.GET.get("year", today.year - 1))
    except ValueError:
        year = today.year - 1
    if not 2000 <= year <= today.year:
        year = today.year - 1
    rows = selectors_yearly.inspection_rows(selectors.visible_sites(request.user), year)
    totals = {k: sum(r.errors[k] for r in rows) for k in ("received", "replied", "on_time", "open", "overdue")}
    return render(request, "backoffice/sites/inspection.html", {
        "rows": rows, "year": year, "years": range(today.year, max(2016, today.year - 8), -1), "totals": totals,
        "published": sum(1 for r in rows if r.published_on), "late": sum(1 for r in rows if r.on_time is False)})
