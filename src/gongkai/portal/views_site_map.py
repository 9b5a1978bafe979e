"""网站地图 for people: every column of a site, its units' columns, the apply, status, mailbox and 找错 pages
and the reports (国办发〔2017〕47号: a site map among the pages every site offers). The sitemap.xml file stays
for search engines."""

from django.shortcuts import render

from gongkai.agencies.selectors import children, public_agencies
from gongkai.catalog.selectors_terms import statutory_rows
from gongkai.portal.page_cache import cached_page
from gongkai.portal.site_frame import render_site_page
from gongkai.portal.views_site import site_agency, site_context
from gongkai.sites import routing


@cached_page
def site_map(request, code):
    agency = site_agency(code)
    units = list(children(agency))
    statutory = statutory_rows()
    roots = [(t, [c for c in statutory if c["parent_id"] == t["id"]]) for t in statutory if t["parent_id"] is None]
    context = site_context(agency, "map")
    context.update({"units": units, "statutory_roots": roots})
    return render_site_page(request, "portal/site/map.html", context)


@cached_page
def platform_map(request):
    """The platform host's map: every site of the cluster, and every agency's column."""
    routes = {r.agency_id: r for r in routing.all_routes()}
    agencies = list(public_agencies().order_by("path"))
    return render(request, "portal/platform_map.html",
                  {"rows": [(a, routes.get(a.pk)) for a in agencies]})
