"""The applicant's page in a browser: the code by e-mail, the dates in plain words, 补正 answered online with a
file, then (after the officer accepts it and issues a fee notice) the fee with how to pay and the letters."""

import datetime as dt
import re

import pytest

from gongkai.cases import services
from gongkai.cases.tests.factories import walk_in
from gongkai.core.models import OutboxMessage
from tests.browser import screenshot

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in(page, live_server, app):
    page.goto(f"{live_server.url}/apply/mine/")
    page.fill("#id_tracking_code", app.tracking_code)
    page.fill("#id_contact", "zhangsan@example.com")
    page.click("main button[type=submit]")
    page.wait_for_url("**/apply/mine/verify/")
    code = re.search(r"验证码：?(\d{6})", OutboxMessage.objects.filter(channel="mail").order_by("-id").first().body)
    page.fill("#id_code", code.group(1))
    page.click("main button[type=submit]")
    page.wait_for_url("**/apply/mine/case/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_applicant_page_journey(live_server, page, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handler, admin = personas["handler_a"], personas["admin"]
    services.save_fee_payment_details(actor=admin, agency=personas.government, collecting_unit="测试区人民政府办公室",
                                      method="通过重庆市非税收入统一缴款平台（网上或代理银行柜台）缴纳",
                                      payment_code="500110001", contact="023-48261234")
    app = walk_in(handler, personas.dept_a, arrived_on=dt.date(2024, 3, 1))
    services.request_correction(actor=handler, app=app, items="请写明所需实施方案的年度和项目名称。", period_days=10,
                                on=dt.date(2024, 3, 5))

    sign_in(page, live_server, app)
    assert page.locator("#case-state").inner_text() == "待补正"
    assert "自本机关收到补正后的申请之日起重新计算" in page.content() and "暂停计算" not in page.content()
    page.fill("#id_text", "所需信息为2023年度万盛老旧小区改造项目实施方案。")
    upload = tmp_path / "说明.pdf"
    upload.write_bytes(PDF)
    page.set_input_files("#id_file1", str(upload))
    page.click("#correction-heading ~ form button[type=submit]")
    page.wait_for_url("**/apply/mine/case/")
    assert "等待受理机关受理" in page.locator("#correction-state").inner_text()
    screenshot(page, "applicant-correction-sent")

    app.refresh_from_db()
    app = services.accept_correction_reply(actor=handler, app=app)
    app = services.assign_handler(actor=handler, app=app, handler=handler)
    services.issue_fee_notice(actor=handler, app=app, method="per_volume", pages=120)
    page.reload()
    assert page.locator("#case-state").inner_text() == "待缴费"
    assert "缴费期间不计入答复期限" in page.content()
    payment = page.locator("#fee-payment").inner_text()
    assert "测试区人民政府办公室" in payment and "500110001" in payment
    letters = page.locator("#letters").inner_text()
    assert "补正告知书" in letters and "收费通知书" in letters
    href = page.locator("#letters a", has_text="收费通知书").get_attribute("href")
    pdf = page.request.get(live_server.url + href)
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    screenshot(page, "applicant-page")
