"""The demo's 2017 documents of the site cluster (issue 14 §2): the annual report (一（三）) and the portal's
2017 政府网站工作年度报表 state the same site records, on the whole demo."""

from django.test import Client

from gongkai.sites.models import Site


def test_the_2017_report_and_the_portals_2017_baobiao_state_the_same_site_records(demo_db, settings):
    """The annual report declares the portal's 2017 site figures from the cluster's records, and the portal's
    2017 政府网站工作年度报表 prints them: one source for both documents."""
    from gongkai.reports.models import DeclaredFigure
    from gongkai.sites import yearly

    portal = Site.objects.get(site_type="portal")
    declared = {d.cell: int(d.value) for d in DeclaredFigure.objects.filter(agency__code="wsjkq", year=2017)
                if d.cell.startswith("legacy|")}
    figures = {f.key: int(f.value) for f in portal.figures.filter(year=2017)}
    assert declared == {"legacy|site_items_edited": figures["edited_items"],
                        "legacy|site_pictures": figures["pictures"],
                        "legacy|site_page_views": figures["page_views"],
                        "legacy|new_unit_sites": Site.objects.filter(integrated_on__year=2017).count()}
    assert declared["legacy|new_unit_sites"] == 4
    rows = {r.key: r for r in yearly.yearly_report(portal, 2017).rows}
    assert rows["views"].value == figures["page_views"] and "一（三）" in rows["views"].note
    assert (rows["edited_items"].value, rows["pictures"].value) == (figures["edited_items"], figures["pictures"])
    settings.ALLOWED_HOSTS = [".ws.cq.gov.cn", "ws.cq.gov.cn"]
    page = Client(HTTP_HOST="ws.cq.gov.cn").get("/map/").content.decode()
    assert 'href="/gk/wsjkq/site-reports/"' in page   # the collection column, from the 网站地图
