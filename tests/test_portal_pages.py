"""The public portal over HTTP: columns, catalog, item (200/404/410), search, sitemap, robots, static files,
page cache and page views."""

import pytest
from django.urls import reverse

from gongkai.catalog import services as catalog
from gongkai.search import page_views
from gongkai.search.models import PageView
from tests.catalog_helpers import published


@pytest.fixture
def site_dir(settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    return settings.GONGKAI_STATIC_SITE_DIR


@pytest.fixture
def item(personas, site_dir, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return published(personas, title="关于做好2024年度财政预算公开工作的通知", doc_number="测财发〔2024〕7号",
                         summary="部署年度预算公开工作。", body="<p>各单位：请按要求公开预算，接受社会监督。</p>")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["site", "guide", "rules", "statutory", "catalog"])
def test_column_pages_render_for_every_agency(client, personas, name):
    for agency in (personas.government, personas.dept_a, personas.town):
        response = client.get(reverse(f"portal:{name}", kwargs={"code": agency.code}))
        assert response.status_code == 200
        assert agency.name in response.content.decode()


@pytest.mark.django_db
def test_unknown_agency_is_404_in_chinese(client, personas):
    response = client.get("/gk/nope/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.django_db
def test_guide_is_generated_from_office_data(client, personas):
    agency = personas.dept_a
    agency.office_address, agency.office_phone = "测试路1号", "023-12345678"
    agency.save()
    html = client.get(reverse("portal:guide", kwargs={"code": agency.code})).content.decode()
    assert "测试路1号" in html and "023-12345678" in html and "20个工作日" in html


@pytest.mark.django_db
def test_item_page_metadata_and_lists(client, item):
    html = client.get(item.public_path).content.decode()
    for text in ("索引号", item.index_number, "测财发〔2024〕7号", "发布机构", "测试区财政局", "有效性"):
        assert text in html
    assert item.title in client.get(reverse("portal:catalog", kwargs={"code": "dept-a"})).content.decode()
    # The government's site lists its departments' items too.
    assert item.title in client.get(reverse("portal:catalog", kwargs={"code": "gov"})).content.decode()


@pytest.mark.django_db
def test_withdrawn_item_is_gone_and_missing_is_404(client, personas, item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        catalog.withdraw_item(actor=personas["publisher"], item=item, reason="内容有误")
    response = client.get(item.public_path)
    assert response.status_code == 410
    assert "信息已撤销" in response.content.decode()
    assert client.get("/gk/dept-a/items/999999/").status_code == 404


@pytest.mark.django_db
def test_publication_indexes_search_and_search_page_finds_two_chars_and_doc_number(client, item):
    html = client.get(reverse("portal:search"), {"q": "预算"}).content.decode()
    assert "<mark>预算</mark>" in html and item.public_path in html
    html = client.get(reverse("portal:search"), {"q": "测财发[2024]7号"}).content.decode()
    assert "文号或索引号精确匹配" in html and item.public_path in html


@pytest.mark.django_db
def test_search_page_kind_messages(client, personas):
    assert "请输入要查找的字词" in client.get(reverse("portal:search"), {"q": ""}).content.decode()
    assert "请至少输入两个字" in client.get(reverse("portal:search"), {"q": "政"}).content.decode()
    html = client.get(reverse("portal:search"), {"q": "预算", "from": "abc", "after": "x"}).content.decode()
    assert "年份“abc”无效" in html


@pytest.mark.django_db
def test_withdrawal_removes_from_search(client, personas, item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        catalog.withdraw_item(actor=personas["publisher"], item=item, reason="内容有误")
    assert item.public_path not in client.get(reverse("portal:search"), {"q": "预算"}).content.decode()


@pytest.mark.django_db
def test_static_files_written_on_publish_and_removed_on_withdrawal(personas, item, site_dir,
                                                                     django_capture_on_commit_callbacks):
    page = site_dir / "gk" / "dept-a" / "items" / str(item.pk) / "index.html"
    assert item.title in page.read_text()
    assert item.title in (site_dir / "gk" / "gov" / "catalog" / "index.html").read_text()
    assert item.public_path in (site_dir / "sitemap.xml").read_text()
    assert item.title in (site_dir / "feeds" / "dept-a.atom").read_text()
    with django_capture_on_commit_callbacks(execute=True):
        catalog.withdraw_item(actor=personas["publisher"], item=item, reason="内容有误")
    assert not page.exists()
    assert item.title not in (site_dir / "gk" / "dept-a" / "catalog" / "index.html").read_text()


@pytest.mark.django_db
def test_page_cache_is_invalidated_on_publication(client, personas, site_dir, django_capture_on_commit_callbacks):
    url = reverse("portal:catalog", kwargs={"code": "dept-a"})
    assert "第二份通知" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        published(personas, title="第二份通知")
    assert "第二份通知" in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_session_cookie_alone_still_gets_the_cached_page(client, personas, settings, django_assert_num_queries):
    url = reverse("portal:catalog", kwargs={"code": "dept-a"})
    first = client.get(url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "left-from-the-mailbox-form"
    with django_assert_num_queries(0):   # not even the session is read
        again = client.get(url)
    assert again.content == first.content


@pytest.mark.django_db
def test_the_page_cache_can_be_switched_off(client, personas, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.GONGKAI_PAGE_CACHE = False
    url = reverse("portal:catalog", kwargs={"code": "dept-a"})
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert any("catalog_item" in q["sql"] for q in queries.captured_queries)


@pytest.mark.django_db
def test_signed_in_staff_share_the_cached_page(client, personas, django_assert_num_queries):
    url = reverse("portal:catalog", kwargs={"code": "dept-a"})
    first = client.get(url)
    client.force_login(personas["editor_a"])
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content


@pytest.mark.django_db
def test_cached_pages_carry_no_csrf_token_or_cookie(client, personas):
    response = client.get(reverse("portal:site", kwargs={"code": "gov"}))
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


@pytest.mark.django_db
def test_page_views_are_counted_in_memory_and_flushed_in_batches(client, item, django_assert_max_num_queries):
    page_views.take_pending()
    for _ in range(3):
        client.get(item.public_path, HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0) Firefox/128.0")
    assert not PageView.objects.exists()
    assert page_views.flush_views() == 2
    rows = {(r.agency_id, r.item_id): r.count for r in PageView.objects.all()}
    assert rows == {(item.agency_id, None): 3, (item.agency_id, item.pk): 3}


@pytest.mark.django_db
def test_sitemap_and_robots(client, item):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{item.public_path}" in xml and "/gk/gov/guide/" in xml
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /staff/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


@pytest.mark.django_db
def test_language_switch_works_without_csrf_token(client, personas):
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("portal:language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_portal_publish_command_writes_every_public_page(personas, item, site_dir, capsys):
    from django.core.management import call_command

    call_command("portal", "publish")
    assert "个页面已写入" in capsys.readouterr().out
    for code in ("gov", "dept-a", "dept-b", "town"):
        for column in ("", "guide/", "rules/", "statutory/", "catalog/"):
            assert (site_dir / "gk" / code / column / "index.html").exists()
    assert (site_dir / "index.html").exists() and (site_dir / "sitemap.xml").exists()


@pytest.mark.django_db
def test_column_text_surrounds_the_generated_guide_and_is_refused_to_editors(client, personas, site_dir,
                                                                             django_capture_on_commit_callbacks):
    from gongkai.core.errors import NotAllowed
    from gongkai.sites.column_texts import set_column_text
    from gongkai.sites.models import ColumnText

    url = reverse("portal:guide", kwargs={"code": "dept-a"})
    client.get(url)   # cached before the edit
    with django_capture_on_commit_callbacks(execute=True):
        set_column_text(actor=personas["publisher"], agency=personas.dept_a, column="guide_intro",
                        body="本指南每年更新。")
    assert "本指南每年更新。" in (site_dir / "gk" / "dept-a" / "guide" / "index.html").read_text()
    html = client.get(url).content.decode()
    assert html.index("本指南每年更新。") < html.index("一、主动公开")
    with pytest.raises(NotAllowed):
        set_column_text(actor=personas["editor_a"], agency=personas.dept_a, column="rules", body="x")
    assert ColumnText.objects.count() == 1


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, item):
    """html5lib in strict mode raises on any HTML5 parse error (stray or unclosed tags, bad nesting, duplicate
    attributes); the browser tests add axe-core for accessibility."""
    import html5lib

    parser = html5lib.HTMLParser(strict=True)
    pages = ["/", "/gk/gov/", "/gk/dept-a/guide/", "/gk/dept-a/rules/", "/gk/dept-a/statutory/",
             "/gk/dept-a/catalog/?year=2024", item.public_path, "/search/?q=预算", "/search/?q=", "/gk/nope/"]
    for path in pages:
        response = client.get(path)
        parser.parse(response.content.decode())
        assert response.content.decode().startswith("<!DOCTYPE html>"), path
