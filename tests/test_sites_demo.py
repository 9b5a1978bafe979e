"""The demo is the seed's cluster (issue 14 §2): 万盛网 and the 43 integrated sites, 4 new in 2017, each with a
well-formed identity, and the portal's 2017 figures held as records."""

import pytest
from django.test import Client

from gongkai.demo import load_agencies, load_sites
from gongkai.sites import routing
from gongkai.sites.models import Site, SiteDomain

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(settings):
    settings.ALLOWED_HOSTS = [".ws.cq.gov.cn", "ws.cq.gov.cn", "testserver"]
    load_agencies.load_step()
    summary = load_sites.load_step()
    routing.forget()
    return summary


def test_the_seeds_cluster(cluster):
    assert cluster == "门户网站万盛网及 43 个整合上线的网站（2017年新增 4 个）"
    portal = Site.objects.get(site_type="portal")
    assert portal.name == "万盛网" and portal.agency.code == "wsjkq"
    assert Site.objects.filter(site_type="department").count() == 42
    assert Site.objects.filter(site_type="special").get().name == "万盛旅游网"
    assert SiteDomain.objects.filter(is_canonical=True).count() == 44
    for site in Site.objects.all():
        site.full_clean()   # every identity has the national forms
    figures = {f.key: (f.value, f.note) for f in portal.figures.filter(year=2017)}
    assert {k: int(v) for k, (v, _n) in figures.items()} == {"edited_items": 7046, "pictures": 1213,
                                                              "page_views": 651327}
    assert all("一（三）" in note for _v, note in figures.values())
    # Idempotent: a second run adds nothing.
    assert load_sites.load_step() == "已有 44 个网站"
    assert Site.objects.count() == 44


def test_the_portal_answers_on_its_name(cluster):
    html = Client(HTTP_HOST="ws.cq.gov.cn").get("/").content.decode()
    assert "网站标识码：5001100001" in html and "主办单位：万盛经开区党政办公室" in html
    assert Client(HTTP_HOST="www.ws.cq.gov.cn").get("/")["Location"] == "http://ws.cq.gov.cn/"
    school = Client(HTTP_HOST="jyj.ws.cq.gov.cn").get("/").content.decode()
    assert "主办单位：万盛经开区教育局" in school

