"""The journey of the acceptance: an editor writes an item with an ID number in its body; publication is
blocked; a reviewer overrides the finding with a reason; the publisher publishes; the item is in the feed."""

import pytest

from gongkai.catalog.models import Item
from tests.browser import login, screenshot

ID_NUMBER = "11010519491231002X"
TITLE = "关于2024年度困难群众临时救助发放情况的公示"


def as_user(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, live_server, username, f"pw-{username}")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_id_number_blocks_until_override_then_publish_and_feed(live_server, browser, personas):
    editor = as_user(browser, live_server, "editor_a")
    editor.goto(f"{live_server.url}/staff/catalog/new/")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_doc_number", "测财发〔2024〕18号")
    editor.fill("#id_summary", "公示临时救助对象及金额。")
    editor.fill("#id_body", f"<p>救助对象：王某某，身份证号 {ID_NUMBER}，救助金额 800 元。</p>")
    editor.fill("#id_written_on", "2024-06-03")
    editor.select_option("#id_category", label="财政数据")
    editor.select_option("#id_genre", label="其他")
    screenshot(editor, "catalog-edit")
    editor.click("main button[type=submit].primary")
    editor.wait_for_url("**/staff/catalog/items/*/")
    assert "身份证号码" in editor.locator("#screening ~ div").first.inner_text()
    item = Item.objects.get(title=TITLE)
    editor.click("#action-submit")
    editor.wait_for_selector("text=已完成：提交审核")

    reviewer = as_user(browser, live_server, "reviewer_a")
    reviewer.goto(f"{live_server.url}/staff/catalog/queue/")
    reviewer.click(f"text={TITLE}")
    reviewer.click("#action-review")
    reviewer.wait_for_selector("text=已完成：审核通过")
    secrecy = as_user(browser, live_server, "secrecy_a")
    secrecy.goto(f"{live_server.url}/staff/catalog/items/{item.pk}/")
    secrecy.click("#action-secrecy_review")
    secrecy.wait_for_selector("text=已完成：保密审查通过")

    publisher = as_user(browser, live_server, "publisher")
    publisher.goto(f"{live_server.url}/staff/catalog/items/{item.pk}/")
    publisher.click("#action-publish")
    publisher.wait_for_selector("text=审查发现未处理，不能发布")
    assert Item.objects.get(pk=item.pk).status == "secrecy_reviewed"

    reviewer.goto(f"{live_server.url}/staff/catalog/items/{item.pk}/")
    finding = item.findings.get(kind="id_number")
    reviewer.fill(f"#override-{finding.pk}", "公示对象已书面同意公开身份信息（第三方同意，条例第十五条）")
    screenshot(reviewer, "catalog-review")
    reviewer.click(f"#override-button-{finding.pk}")
    reviewer.wait_for_selector("text=已确认该审查发现可以发布，理由已记录")

    publisher.goto(f"{live_server.url}/staff/catalog/items/{item.pk}/")
    publisher.click("#action-publish")
    publisher.wait_for_selector("text=已完成：发布")
    published = Item.objects.get(pk=item.pk)
    assert published.status == "published"
    assert published.index_number == f"{personas.dept_a.org_code}/{published.published_on:%Y}-00001"
    screenshot(publisher, "catalog-published")

    publisher.goto(f"{live_server.url}/feeds/dept-a.atom")
    assert TITLE in publisher.content()
    assert published.public_path in publisher.content()
