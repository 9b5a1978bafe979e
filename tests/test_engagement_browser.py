"""Browser journeys of the mailbox: a citizen writes, staff reply, the citizen rates through the private link,
and the dashboard counts it. Screenshots for the user guide go to docs/screenshots/."""

import re

import pytest

from gongkai.engagement.models import Message
from tests.browser import login, screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_mailbox_journey_screenshots(live_server, page, personas, browser):
    page.goto(f"{live_server.url}/gk/{personas.dept_a.code}/mailbox/")
    page.check("input[name=category][value=consult]")
    page.fill("#id_subject", "公租房申请条件")
    page.fill("#id_body", "请问申请公租房需要准备哪些材料？")
    page.fill("#id_writer_name", "孙八")
    page.check("#id_consent_to_publish")
    screenshot(page, "engagement-mailbox-form")
    page.click("main button[type=submit]")
    page.wait_for_url("**/mailbox/sent/")
    link = page.locator("#private-link").get_attribute("href")
    assert re.search(r"/mailbox/rate/[\w-]+/$", link)
    screenshot(page, "engagement-mailbox-sent")

    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    login(staff, live_server, "editor_a", "pw-editor_a")
    staff.goto(f"{live_server.url}/staff/engagement/")
    staff.click("text=公租房申请条件")
    staff.fill("#reply-form textarea", "您好！申请公租房需要身份证明、户籍和收入证明，详见政府网站“住房保障”栏目。")
    staff.click("#reply-form button[type=submit]")
    staff.wait_for_selector("#status:has-text('已答复')")
    screenshot(staff, "engagement-message-staff")

    page.goto(link)
    assert "身份证明" in page.locator("#reply").inner_text()
    page.check("input[name=rating][value=satisfied]")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#rating-done")
    screenshot(page, "engagement-mailbox-rated")
    message = Message.objects.get()
    assert (message.status, message.rating) == ("replied", "satisfied")

    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    login(staff, live_server, "supervisor", "pw-supervisor")
    staff.goto(f"{live_server.url}/staff/dashboard/?year={message.received_on.year}")
    month = message.received_on.month
    row = staff.locator("#table-mailbox_monthly tbody tr").nth(month - 1).locator("td")
    assert [row.nth(i).text_content() for i in (1, 2, 3, 4)] == ["1", "1", "100.0", "100.0"]
    staff.wait_for_selector("[data-chart=mailbox_monthly] svg")
    screenshot(staff, "dashboard-mailbox-journey")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_screenshot_of_the_2017_demo(live_server, page, demo_db):
    # The whole demo (loaded once per session, copied): the 2017 applications give the request charts the
    # seed's 5.
    login(page, live_server, "demo-supervisor", "gongkai-demo-2017")
    page.goto(f"{live_server.url}/staff/dashboard/?year=2017&agency=wsjkq")
    page.wait_for_selector("[data-chart=mailbox_units] svg")
    total = sum(int(page.locator("#table-mailbox_monthly tbody tr").nth(i).locator("td").nth(1).text_content())
                for i in range(12))
    assert total == 491
    received = sum(int(page.locator("#table-applications_monthly tbody tr").nth(i).locator("td").nth(1)
                       .text_content()) for i in range(12))
    assert received == 5
    screenshot(page, "dashboard")
    page.goto(f"{live_server.url}/staff/engagement/figures/?year=2017&agency=wsjkq")
    assert page.locator("[data-figure=mailbox_received]").inner_text() == "491"
    assert page.locator("[data-figure=satisfaction_rate]").inner_text() == "98%"
    assert page.locator("[data-figure=completion_rate]").inner_text() == "100%"
    screenshot(page, "engagement-figures-2017")
