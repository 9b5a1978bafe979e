"""Links shown to a role work for that role, and refusals and misses are pages of the site.

For every persona: the workbench, every entry of the navigation, and every link those pages show are followed
and must answer 200. The 403, 404 and 400 pages carry the layout of the part of the site they belong to (the back
office's navigation, the portal's header) and speak the visitor's language.
"""

import re

import pytest
from django.test import Client

from gongkai.core.actors import System
from gongkai.engagement import services as engagement
from tests.catalog_helpers import draft, published
from tests.personas import ROLES

STAFF = [*ROLES, "superuser"]
HREF = re.compile(r'<a\s[^>]*href="(/[^"#]*)"')
NOT_PAGES = ("/static/", "/media/", "/i18n/", "/language/")


def links(html: str) -> set[str]:
    return {h.replace("&amp;", "&") for h in HREF.findall(html) if not h.startswith(NOT_PAGES)}


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    draft(personas, title="关于2025年预算编制的通知（草稿）")
    published(personas, title="关于做好2024年度财政预算公开工作的通知")
    engagement.submit_message(actor=System, agency=personas.dept_a, channel="web", category="consult",
                              subject="咨询预算公开", body="请问何时公开部门预算？")
    return personas


def client_for(personas, persona, language="zh-hans") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if persona != "anonymous":
        client.force_login(personas[persona])
    return client


def navigation(html: str) -> set[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    return links(nav.group(0)) if nav else set()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", STAFF)
def test_every_link_on_the_workbench_and_navigation_opens(world, persona):
    client = client_for(world, persona)
    workbench = client.get("/staff/")
    assert workbench.status_code == 200
    html = workbench.content.decode()
    sections = navigation(html)
    assert "/staff/" in sections
    seen, broken = {"/staff/"}, []
    # The workbench and every section, then every link those pages show.
    shown = links(html) | sections
    for url in sorted(sections - seen):
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            broken.append(f"{url} → {response.status_code} (navigation)")
            continue
        shown |= links(response.content.decode())
    for url in sorted(shown - seen):
        seen.add(url)
        if url.startswith("/staff/logout/"):
            continue
        status = client.get(url).status_code
        if status != 200:
            broken.append(f"{url} → {status}")
    assert not broken, "\n".join(broken)
    assert len(seen) > 5


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "hidden"), [
    ("editor_a", {"/staff/catalog/import/", "/staff/catalog/settings/", "/staff/dashboard/", "/staff/calendar/"}),
    ("publisher", {"/staff/catalog/new/", "/staff/cases/new/", "/staff/calendar/"}),
    ("supervisor", {"/staff/catalog/new/", "/staff/catalog/import/", "/staff/catalog/settings/"}),
])
def test_what_a_role_cannot_use_is_not_shown(world, persona, hidden):
    client = client_for(world, persona)
    shown = set()
    for url in ("/staff/", "/staff/catalog/", "/staff/catalog/queue/", "/staff/cases/"):
        shown |= links(client.get(url).content.decode())
    assert not hidden & shown


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_refused_staff_page_is_a_back_office_page_in_the_users_language(world, language):
    response = client_for(world, "editor_a", language).get("/staff/catalog/import/")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="site-nav"' in html and 'href="/staff/"' in html     # the back office's layout and navigation
    if language == "en":
        assert "<h1>Access denied</h1>" in html and "My workbench" in html
        assert not re.search(r"[\u4e00-\u9fff]{2}", re.sub(r'lang="zh-CN">[^<]*<', "", html.split("<main", 1)[1]))
    else:
        assert "<h1>无权访问</h1>" in html and "只有公开办发布人和管理员可以批量导入" in html
    assert "403 Forbidden" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("persona", "path", "layout"), [
    ("editor_a", "/staff/catalog/items/999999/", 'class="site-nav"'),
    ("editor_a", "/staff/no-such-page/", 'class="site-nav"'),
    ("anonymous", "/gk/dept-a/items/999999/", 'header-search"'),
    ("anonymous", "/no-such-page/", 'header-search"'),
])
def test_not_found_pages_have_the_layout_and_language(world, language, persona, path, layout):
    response = client_for(world, persona, language).get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert layout in html
    assert ("<h1>Page not found</h1>" if language == "en" else "<h1>页面不存在</h1>") in html


@pytest.mark.django_db
def test_a_bad_request_is_a_page_of_the_site(world, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/search/?" + "&".join(f"f{i}=1" for i in range(20)))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'header-search"' in html and "<h1>Bad request</h1>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "layout"), [("/staff/catalog/", 'class="site-nav"'),
                                              ("/gk/dept-a/", 'header-search"')])
def test_the_server_error_page_has_the_layout(world, rf, path, layout):
    from django.utils import translation

    from gongkai.config.error_pages import server_error

    request = rf.get(path)
    request.user = world["publisher"]
    with translation.override("en"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert layout in html and "<h1>Service temporarily unavailable</h1>" in html
