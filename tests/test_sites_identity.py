"""Sites with their own names (issue 14 §1): identity codes in form, one canonical domain, routing by Host,
the identity block in every page's footer, canonical addresses, the human 网站地图 and per-site sitemaps."""

import pytest
from django.test import Client

from gongkai.core.errors import DomainError
from gongkai.core.models import Event
from gongkai.sites.domain.identity import (
    domain_problem,
    icp_problem,
    police_record_link,
    police_record_problem,
    site_code_problem,
)
from gongkai.sites.models import SiteDomain
from gongkai.sites.services import create_site, update_site
from tests.sites_helpers import BROWSER, PORTAL, make_sites


@pytest.mark.parametrize(("code", "ok"), [
    ("5000000045", True), ("1100000088", True), ("bm04000001", True),
    ("500000004", False), ("50000000451", False), ("9900000001", False), ("BM04000001", False),
    ("bm0400000a", False), ("", False), ("５０００００００４５", False),
])
def test_site_code_has_the_national_form(code, ok):
    assert (site_code_problem(code) == "") is ok


@pytest.mark.parametrize(("value", "ok"), [
    ("渝ICP备05001234号", True), ("渝ICP备05001234号-1", True), ("", True),
    ("ICP备05001234号", False), ("渝ICP备号", False), ("渝ICP05001234", False),
])
def test_icp_record_form(value, ok):
    assert (icp_problem(value) == "") is ok


def test_police_record_form_and_its_link():
    assert police_record_problem("渝公网安备 50011002500001号") == ""
    assert police_record_problem("渝公网安备50011002500001号") == ""
    assert police_record_problem("渝公网安备 5001100250000号") != ""
    assert police_record_link("渝公网安备 50011002500001号") == (
        "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=50011002500001")
    assert police_record_link("") == ""


@pytest.mark.parametrize(("value", "ok"), [
    ("www.example.gov.cn", True), ("a-b.example.gov.cn", True), ("http://www.example.gov.cn", False),
    ("www.example.gov.cn/gk/", False), ("-bad.gov.cn", False), ("localhost", False), ("WWW.EXAMPLE.GOV.CN", True),
])
def test_domain_form(value, ok):
    assert (domain_problem(value.lower()) == "") is ok


@pytest.mark.django_db
def test_a_site_has_one_canonical_domain_and_an_event(personas):
    portal, _dept = make_sites(personas)
    assert list(SiteDomain.objects.filter(site=portal).order_by("-is_canonical").values_list(
        "domain", "is_canonical")) == [("www.test.gov.cn", True), ("test.gov.cn", False)]
    assert Event.objects.filter(action="site.created", object_id=str(portal.pk)).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "message"), [
    ({"site_code": "123"}, "网站标识码"),
    ({"icp_record": "备案中"}, "ICP备案号"),
    ({"domains": ["czj.test.gov.cn"]}, "已被其他网站使用"),
    ({"domains": ["x.gov.cn", "x.gov.cn"]}, "域名重复"),
    ({"domains": ["http://x.gov.cn/"]}, "域名格式不正确"),
    ({"domains": [" "]}, "至少填写一个域名"),
    ({"theme_colour": "red"}, "颜色"),
])
def test_bad_identity_is_refused_whole_with_a_message(personas, change, message):
    portal, _dept = make_sites(personas)
    with pytest.raises(DomainError) as caught:
        update_site(actor=personas["admin"], site=portal, **change)
    assert message in caught.value.message
    portal.refresh_from_db()
    assert portal.site_code == PORTAL["site_code"] and portal.icp_record == PORTAL["icp_record"]
    assert set(portal.domains.values_list("domain", flat=True)) == {"www.test.gov.cn", "test.gov.cn"}


@pytest.mark.django_db
def test_only_the_agencys_admin_or_publisher_manages_its_site(personas):
    from gongkai.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        create_site(actor=personas["editor_a"], agency=personas.dept_a, domains=["a.test.gov.cn"],
                    **{**PORTAL, "site_code": "5001100009"})


@pytest.fixture
def sites(personas, settings):
    settings.ALLOWED_HOSTS = [".test.gov.cn", "testserver"]
    return make_sites(personas)


def test_the_host_names_the_site_and_its_home_is_slash(sites):
    response = Client(HTTP_HOST="www.test.gov.cn").get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "测试区政府网" in html
    assert '<link rel="canonical" href="https://www.test.gov.cn/">' in html


def test_other_names_redirect_to_the_canonical_one(sites):
    response = Client(HTTP_HOST="test.gov.cn").get("/gk/gov/catalog/?year=2024")
    assert response.status_code == 301
    assert response["Location"] == "http://www.test.gov.cn/gk/gov/catalog/?year=2024"


def test_the_path_fallback_still_serves_with_the_sites_identity(sites):
    html = Client().get("/gk/dept-a/guide/").content.decode()
    assert '<link rel="canonical" href="https://czj.test.gov.cn/gk/dept-a/guide/">' in html
    assert "主办单位：测试区财政局" in html


def test_every_page_footer_carries_the_identity_block(sites):
    html = Client(HTTP_HOST="www.test.gov.cn").get("/gk/gov/catalog/").content.decode()
    footer = html[html.index('<footer class="site-footer">'):]
    for text in ["主办单位：测试区人民政府办公室", "承办单位：测试区大数据中心", "023-85276112", "gk@example.gov.cn",
                 "网站标识码：5001100001", "渝ICP备05001234号-1", "渝公网安备 50011002500001号",
                 "registerSystemInfo?recordcode=50011002500001", 'alt="党政机关网站标识"',
                 "我为政府网站找错", "网站地图", "无障碍/大字", 'href="/gk/gov/report-error/"', 'href="/gk/gov/map/"']:
        assert text in footer, text


def test_a_department_without_a_site_shows_its_parents_identity(sites, personas):
    html = Client().get(f"/gk/{personas.dept_b.code}/").content.decode()
    assert "网站标识码：5001100001" in html


def test_site_map_is_a_page_for_people(sites):
    response = Client(HTTP_HOST="www.test.gov.cn").get("/map/")
    assert response.status_code == 200
    html = response.content.decode()
    for href in ["/gk/gov/guide/", "/gk/gov/catalog/", "/gk/gov/apply/", "/apply/status/", "/gk/gov/mailbox/",
                 "/gk/gov/report-error/", "/gk/gov/reports/", "/gk/gov/site-reports/", "/gk/dept-a/", "/gk/town/guide/"]:
        assert f'href="{href}' in html, href
    assert len(response.content) < 200_000


def test_the_sitemap_of_a_site_lists_only_its_pages_on_its_address(sites):
    body = Client(HTTP_HOST="czj.test.gov.cn").get("/sitemap.xml").content.decode()
    assert "<loc>https://czj.test.gov.cn/</loc>" in body
    assert "/gk/dept-a/guide/" in body and "/gk/dept-b/" not in body and "/gk/gov/" not in body


def test_visits_of_people_count_for_the_site_and_programs_do_not(sites):
    from gongkai.sites import visits
    from gongkai.sites.models import SiteVisitDay

    portal, _dept = sites
    visits.take_pending()
    person = Client(HTTP_HOST="www.test.gov.cn", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.5")
    other = Client(HTTP_HOST="www.test.gov.cn", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.6")
    bot = Client(HTTP_HOST="www.test.gov.cn", HTTP_USER_AGENT="Mozilla/5.0 (compatible; Baiduspider/2.0)")
    for client in (person, person, other, bot):
        assert client.get("/").status_code == 200
    person.get("/sitemap.xml")
    person.get("/gk/gov/nothing-here/")
    visits.flush_visits()
    row = SiteVisitDay.objects.get(site=portal)
    assert (row.views, row.visitors) == (3, 2)


def test_the_footer_in_english(sites):
    client = Client(HTTP_HOST="www.test.gov.cn")
    client.cookies["django_language"] = "en"
    html = client.get("/gk/gov/guide/").content.decode()
    assert "Sponsor: 测试区人民政府办公室" in html and "Report an error on this site" in html


def test_a_changed_identity_shows_at_once_on_cached_pages(sites, personas, django_capture_on_commit_callbacks,
                                                         settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    portal, _dept = sites
    client = Client(HTTP_HOST="www.test.gov.cn")
    assert "测试区人民政府办公室" in client.get("/gk/gov/guide/").content.decode()   # now in the page cache
    with django_capture_on_commit_callbacks(execute=True):
        update_site(actor=personas["admin"], site=portal, sponsor="测试区人民政府")
    html = client.get("/gk/gov/guide/").content.decode()
    assert "主办单位：测试区人民政府</span>" in html
    home = (tmp_path / "site" / "sites" / "www.test.gov.cn" / "index.html").read_text()
    assert "主办单位：测试区人民政府</span>" in home


def test_a_page_of_another_unit_names_its_own_site(sites):
    html = Client(HTTP_HOST="czj.test.gov.cn").get("/gk/gov/guide/").content.decode()
    assert '<link rel="canonical" href="https://www.test.gov.cn/gk/gov/guide/">' in html
    assert "网站标识码：5001100001" in html
