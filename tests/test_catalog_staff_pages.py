"""HTTP tests of the catalog's staff pages: who may see and do what, and that every page renders."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.models import Item
from tests.catalog_helpers import draft, published, ready

pytestmark = pytest.mark.django_db


def client_for(client, personas, who):
    if personas[who] is not None:
        client.force_login(personas[who])
    return client


@pytest.mark.parametrize(("who", "status"), [
    ("anonymous", 302), ("editor_a", 200), ("editor_b", 403), ("reviewer_a", 200), ("publisher", 200),
    ("supervisor", 200), ("superuser", 200),
])
def test_who_may_open_an_item_of_department_a(client, personas, who, status):
    item = draft(personas)
    response = client_for(client, personas, who).get(reverse("backoffice:catalog_item", args=[item.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("who", "expected"), [("editor_a", "submitted"), ("editor_b", "draft"),
                                               ("supervisor", "draft"), ("reviewer_a", "draft")])
def test_only_the_editor_may_submit_over_http(client, personas, who, expected):
    item = draft(personas)
    client_for(client, personas, who).post(reverse("backoffice:catalog_item_action", args=[item.pk, "submit"]))
    assert Item.objects.get(pk=item.pk).status == expected


def test_every_page_renders_for_the_publisher(client, personas):
    item = published(personas)
    services.update_item(actor=personas["publisher"], item=item, summary="更正后的概述", reason="更正错字")
    client.force_login(personas["publisher"])
    urls = [
        reverse("backoffice:catalog_items") + "?status=published&q=预算&year=2026",
        reverse("backoffice:catalog_review_queue"),
        reverse("backoffice:catalog_item", args=[item.pk]),
        reverse("backoffice:catalog_item_edit", args=[item.pk]),
        reverse("backoffice:catalog_item_revisions", args=[item.pk]),
        reverse("backoffice:catalog_import"),
        reverse("backoffice:catalog_compliance"),
        reverse("backoffice:catalog_settings"),
        reverse("backoffice:catalog_compilations") + "?start=2000-01-01&end=2100-01-01",
        reverse("backoffice:workbench"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "更正后的概述" in client.get(urls[4]).content.decode()


def test_editor_writes_an_item_through_the_form(client, personas):
    client.force_login(personas["editor_a"])
    response = client.post(reverse("backoffice:catalog_item_new"), {
        "agency": "dept-a", "title": "关于开展消防安全检查的通知", "summary": "检查安排", "body": "<p>正文</p>",
        "written_on": "2024-05-06", "disclosure_mode": "proactive", "scope": "public", "validity": "valid",
    })
    item = Item.objects.get(title="关于开展消防安全检查的通知")
    assert response.status_code == 302 and item.status == "draft" and item.agency == personas.dept_a


def test_bad_form_input_gets_a_chinese_message_and_writes_nothing(client, personas):
    client.force_login(personas["editor_a"])
    response = client.post(reverse("backoffice:catalog_item_new"), {
        "agency": "dept-a", "title": "依申请公开的信息", "disclosure_mode": "on_request", "scope": "public",
    })
    assert response.status_code == 200
    assert "须选择法律依据" in response.content.decode()
    assert not Item.objects.exists()


def test_publication_blocked_message_over_http(client, personas):
    item = ready(personas, body="<p>身份证 11010519491231002X</p>")
    client.force_login(personas["publisher"])
    response = client.post(reverse("backoffice:catalog_item_action", args=[item.pk, "publish"]), follow=True)
    assert "审查发现未处理，不能发布" in response.content.decode()
    assert Item.objects.get(pk=item.pk).status == "secrecy_reviewed"


def test_compilation_documents(client, personas):
    items = [published(personas, title=f"汇编文件{n}", body=f"<p>第{n}件正文。</p>") for n in range(2)]
    compilation = services.create_compilation(actor=personas["publisher"], agency=personas.government,
                                              title="测试区政务文件汇编", year=2024, edition=1,
                                              issued_on=dt.date(2024, 6, 1), items=items, copies=3000)
    client.force_login(personas["publisher"])
    pdf = client.get(reverse("backoffice:catalog_compilation_document", args=[compilation.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("backoffice:catalog_compilation_document", args=[compilation.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert client.get(reverse("backoffice:catalog_compilation_document", args=[compilation.pk, "exe"])).status_code == 404
    assert set(items[0].channels.values_list("channel", flat=True)) == {"portal", "compilation"}
    client.post(reverse("backoffice:catalog_compilation_distribute", args=[compilation.pk]),
                {"copies": "2000", "to": "镇街、图书馆"})
    compilation.refresh_from_db()
    assert compilation.copies_distributed == 2000 and compilation.distributed_to == "镇街、图书馆"


@pytest.mark.parametrize(("who", "url", "status"), [
    ("editor_a", "backoffice:catalog_import", 403), ("publisher", "backoffice:catalog_import", 200),
    ("editor_a", "backoffice:catalog_settings", 403), ("admin", "backoffice:catalog_settings", 200),
    ("supervisor", "backoffice:catalog_item_new", 403), ("editor_b", "backoffice:catalog_item_new", 200),
])
def test_admin_pages_by_role(client, personas, who, url, status):
    assert client_for(client, personas, who).get(reverse(url)).status_code == status


def test_co_issuers_through_the_form(client, personas):
    client.force_login(personas["editor_a"])
    client.post(reverse("backoffice:catalog_item_new"), {
        "agency": "dept-a", "title": "联合发文", "disclosure_mode": "proactive", "scope": "public",
        "co_issuers": [personas.dept_b.pk],
    })
    assert list(Item.objects.get(title="联合发文").co_issuers.all()) == [personas.dept_b]


def test_settings_page_changes_the_index_scheme(client, personas):
    client.force_login(personas["publisher"])
    client.post(reverse("backoffice:catalog_settings") + "?agency=dept-a", {
        "form": "settings", "agency": "dept-a", "index_prefix_source": "org_code", "index_period": "month",
        "index_serial_width": "5", "interpretation_required": "on", "interpretation_grace_days": "3",
        "import_with_findings": "review",
    })
    item = services.publish_item(actor=personas["publisher"], item=ready(personas), published_on=dt.date(2024, 5, 6))
    assert item.index_number == f"{personas.dept_a.org_code}/202405-00001"
    response = client.post(reverse("backoffice:catalog_settings"), {
        "form": "negative", "agency": "dept-a", "term": "信访人员名单", "basis": "个人信息"})
    assert response.status_code == 302
    assert draft(personas, body="<p>附信访人员名单</p>").findings.get().kind == "negative_list"


def test_list_and_queue_query_counts_do_not_grow_with_items(client, personas, django_assert_max_num_queries):
    for n in range(30):
        item = draft(personas, title=f"信息{n}", body="<p>电话 13912345678</p>")
        services.submit_item(actor=personas["editor_a"], item=item)
    client.force_login(personas["reviewer_a"])
    with django_assert_max_num_queries(15):
        assert client.get(reverse("backoffice:catalog_items")).status_code == 200
    with django_assert_max_num_queries(15):
        response = client.get(reverse("backoffice:catalog_review_queue"))
    assert response.content.decode().count('<span class="badge bad">1</span>') == 30


def test_an_items_history_reads_as_words_in_both_languages(client, personas):
    item = draft(personas)
    services.update_item(actor=personas["editor_a"], item=item, title="改过的标题")
    services.submit_item(actor=personas["editor_a"], item=Item.objects.get(pk=item.pk))
    client.force_login(personas["publisher"])
    html = client.get(reverse("backoffice:catalog_item", args=[item.pk])).content.decode()
    history = html[html.index("历史记录"):]
    assert "提交审核" in history and "草稿 → 待审核" in history and "修改信息" in history
    assert "名称：" in history and "→ 改过的标题" in history
    assert "item.submitted" not in history.replace('title="item.submitted"', "")
    assert "draft → submitted" not in history
    html = client.get(reverse("backoffice:catalog_item", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    history = html[html.index("History"):] if "History" in html else html
    assert "Submitted for review" in history, history[:3000]
