"""Site pages rendered into their site's frame (portal/site_frame.py, issue 17 §3): the same bytes as the page
rendered whole, on every kind of site page, in both languages, by host and by the /gk/ fallback; the layout
drawn once per site and column; a page that overrides another block of the layout rendered whole."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.services import abolish_document
from gongkai.portal import page_cache, site_frame
from tests.catalog_helpers import published, ready
from tests.sites_helpers import make_sites


@pytest.fixture
def cluster(personas, settings, tmp_path):
    settings.GONGKAI_PAGE_CACHE = False   # every request renders: the frame is what is tested
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    settings.ALLOWED_HOSTS = ["testserver", "www.test.gov.cn", "czj.test.gov.cn"]
    make_sites(personas)
    policy = published(personas, title="关于印发《专项资金管理办法》的通知", doc_number="测财发〔2024〕3号")
    reading = published(personas, title="《专项资金管理办法》政策解读", interprets=policy)
    old = ready(personas, title="关于旧办法的通知", normative_kind="normative", doc_number="测财发〔2020〕1号",
                written_on=dt.date(2020, 3, 1))
    ready(personas, title="《旧办法》解读", interprets=old)   # published with it: the district requires a 解读
    old = services.publish_item(actor=personas["publisher"], item=old)
    abolish_document(actor=personas["publisher"], item=old, by=policy, on=dt.date(2024, 6, 1), reason="新办法施行")
    site_frame._frames.clear()
    return personas, policy, reading, old


def _pages(personas, policy, reading, old):
    dept = personas.dept_a.code
    gov = personas.government.code
    return [
        reverse("portal:site", kwargs={"code": dept}), reverse("portal:site", kwargs={"code": gov}),
        reverse("portal:guide", kwargs={"code": dept}), reverse("portal:rules", kwargs={"code": dept}),
        reverse("portal:statutory", kwargs={"code": dept}), reverse("portal:catalog", kwargs={"code": dept}),
        reverse("portal:catalog", kwargs={"code": gov}) + "?topic=zz&page=2&year=2024",
        reverse("portal:site_map", kwargs={"code": dept}), reverse("portal:site_reports", kwargs={"code": gov}),
        *(reverse("portal:item", kwargs={"code": dept, "pk": item.pk}) for item in (policy, reading, old)),
    ]


def _whole(monkeypatch, client, url, **extra):
    with monkeypatch.context() as patched:
        patched.setattr(site_frame, "_page_blocks", lambda name: None)
        return client.get(url, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("host", ["testserver", "www.test.gov.cn", "czj.test.gov.cn"])
def test_framed_pages_are_the_pages_rendered_whole(cluster, monkeypatch, language, host):
    client = Client(HTTP_HOST=host)
    client.cookies["django_language"] = language
    for url in _pages(*cluster):
        framed = client.get(url)
        whole = _whole(monkeypatch, client, url)
        assert framed.status_code == whole.status_code == 200, url
        assert framed.content.decode() == whole.content.decode(), url
        assert framed["Content-Type"] == whole["Content-Type"]
    assert site_frame._frames and all(made is not None for _stamp, _t, made in site_frame._frames.values())


@pytest.mark.django_db
def test_the_layout_is_drawn_once_per_site_and_column_and_redrawn_after_a_republication(cluster):
    personas, policy, reading, _old = cluster
    client = Client()
    dept = personas.dept_a.code
    first = reverse("portal:item", kwargs={"code": dept, "pk": policy.pk})
    second = reverse("portal:item", kwargs={"code": dept, "pk": reading.pk})
    client.get(first)
    assert len(site_frame._frames) == 1
    client.get(second)   # another item of the same site and column: the same frame
    assert len(site_frame._frames) == 1
    client.get(reverse("portal:catalog", kwargs={"code": dept}))
    assert len(site_frame._frames) == 1   # the catalog: the items' own column (目录 marked in the navigation)
    client.get(reverse("portal:guide", kwargs={"code": dept}))
    assert len(site_frame._frames) == 2   # another column: its own frame
    key = next(iter(site_frame._frames))   # the items' frame, made first
    stamp = site_frame._frames[key][0]
    page_cache.invalidate()   # a republication of everything (identities, names, columns)
    html = client.get(first).content.decode()
    assert site_frame._frames[key][0] > stamp
    assert "关于印发《专项资金管理办法》的通知" in html


@pytest.mark.django_db
def test_the_breadcrumbs_query_is_left_to_the_frame(cluster):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    personas, policy, _reading, _old = cluster
    client = Client()
    url = reverse("portal:item", kwargs={"code": personas.dept_a.code, "pk": policy.pk})
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as again:
        html = client.get(url).content.decode()
    assert len(again.captured_queries) < len(first.captured_queries)   # the ancestors were read for the frame only
    assert personas.government.display_name in html   # and the breadcrumbs still name them


@pytest.mark.django_db
def test_a_page_that_overrides_another_block_is_rendered_whole(cluster, tmp_path, settings):
    template_dir = tmp_path / "templates" / "portal"
    template_dir.mkdir(parents=True)
    (template_dir / "odd.html").write_text('{% extends "portal/site_base.html" %}{% block body_class %}odd'
                                           '{% endblock %}{% block content %}<p>odd</p>{% endblock %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]
    personas = cluster[0]
    from django.test import RequestFactory

    from gongkai.portal.views_site import site_context

    request = RequestFactory().get("/gk/x/")
    assert site_frame._page_blocks("portal/odd.html") is None
    response = site_frame.render_site_page(request, "portal/odd.html", site_context(personas.dept_a, "site"))
    html = response.content.decode()
    assert 'class="portal odd"' in html and "<p>odd</p>" in html
    assert site_frame._page_blocks("portal/item.html") is not None


def test_a_layout_with_a_stray_mark_is_not_used_as_a_frame():
    marks = "".join(start + end for start, end in site_frame._BLOCK_MARKS.values())
    marks += "".join(site_frame._REQUEST_MARKS.values())
    assert site_frame._well_marked("<p>" + marks + "</p>")
    assert not site_frame._well_marked("<p>" + marks + site_frame._REQUEST_MARKS["path"] + "</p>")
    assert not site_frame._well_marked("<p>" + marks + chr(site_frame.FIRST_MARK) + "</p>")
    assert not site_frame._well_marked("<p>" + marks[2:] + "</p>")


@pytest.mark.django_db
def test_an_agency_renamed_is_shown_at_once_in_the_layout_of_its_pages(cluster, django_capture_on_commit_callbacks):
    from gongkai.agencies.services import update_agency, update_agency_office
    from gongkai.core.actors import System

    personas, policy, _reading, _old = cluster
    client = Client()
    url = reverse("portal:item", kwargs={"code": personas.dept_a.code, "pk": policy.pk})
    assert "测试区财政局" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        update_agency(actor=System, agency=personas.dept_a, name="测试区财政和国资局", reason="机构改革")
    html = client.get(url).content.decode()
    assert "<title>关于印发《专项资金管理办法》的通知 - 测试区财政和国资局</title>" in html   # the layout's title
    assert ">测试区财政局</a>" not in html and ">测试区财政和国资局</a>" in html   # the brand and breadcrumbs
    # (the footer's 主办单位 is the site's identity, typed by the office: not the agency's name)
    # The office's data shows in its own site only: that site's pages are forgotten, not the whole cluster's.
    everything = page_cache.generation()
    site = page_cache.generations([page_cache.site_scope(personas.dept_a.code)])[0]
    with django_capture_on_commit_callbacks(execute=True):
        update_agency_office(actor=System, agency=personas.dept_a, office_hours="工作日 9:00–17:00")
    assert page_cache.generation() == everything
    assert page_cache.generations([page_cache.site_scope(personas.dept_a.code)])[0] > site


def test_a_page_that_shows_the_layouts_default_in_its_block_is_rendered_whole(tmp_path, settings):
    template_dir = tmp_path / "templates" / "portal"
    template_dir.mkdir(parents=True)
    (template_dir / "super.html").write_text('{% extends "portal/site_base.html" %}'
                                             '{% block description %}{{ block.super }} 另{% endblock %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]
    assert site_frame._page_blocks("portal/super.html") is None


def test_a_pages_blocks_are_looked_at_once_per_compiled_template(monkeypatch):
    looked = []
    real = site_frame._own_blocks
    monkeypatch.setattr(site_frame, "_own_blocks", lambda template: looked.append(template) or real(template))
    site_frame._blocks_of.clear()
    first = site_frame._page_blocks("portal/item.html")
    again = site_frame._page_blocks("portal/item.html")
    assert first is not None and first[1] is again[1] and len(looked) == 1
    assert set(first[1]) <= set(site_frame.HOLES)
