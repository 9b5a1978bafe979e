"""The journey of an application in a browser: applying online, 补正 with its PDF letter, restart of the clock,
a partial disclosure, and the applicant seeing the case closed with the tracking code."""

import subprocess
from pathlib import Path

import pytest

from gongkai.cases.models import Application
from gongkai.core.time import local_today
from tests.browser import SCREENSHOTS, login, screenshot

ID = "510104199001011230"


def open_step(page, name):
    page.click(f"#step-{name} summary")
    return page.locator(f"#step-{name}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_application_journey(live_server, page, personas, tmp_path):
    # The applicant applies online and gets a tracking code.
    page.goto(f"{live_server.url}/gk/{personas.dept_a.code}/apply/")
    page.fill("#id_applicant_name", "张三")
    page.fill("#id_id_number", ID)
    page.fill("#id_phone", "13812341234")
    page.fill("#id_email", "zhangsan@example.com")
    page.fill("#id_description", "请公开有关项目的文件")
    screenshot(page, "cases-apply")
    page.click("main button[type=submit]")
    code = page.locator("#tracking-code").inner_text().strip()
    assert code.startswith("GK") and ID not in page.content()
    screenshot(page, "cases-apply-done")

    # The handler confirms receipt and sends a 补正 notice.
    login(page, live_server, "handler_a", "pw-handler_a")
    app = Application.objects.get(tracking_code=code)
    page.goto(f"{live_server.url}/staff/cases/{app.pk}/")
    open_step(page, "confirm_receipt").locator("button[type=submit]").click()
    first_due = page.locator("#due-date").inner_text()
    step = open_step(page, "request_correction")
    step.locator("textarea[name=items]").fill("请写明所需文件的名称、文号或项目名称。")
    step.locator("input[name=period_days]").fill("10")
    step.locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text() == "待补正"
    assert page.locator("#due-date").inner_text() == "暂停计算"
    screenshot(page, "cases-correction-pending")

    # Its PDF, rendered to PNG for the user guide (and looked at).
    href = page.locator("a.letter-pdf[data-kind=correction]").get_attribute("href")
    pdf = page.request.get(live_server.url + href)
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    pdf_path = tmp_path / "correction.pdf"
    pdf_path.write_bytes(pdf.body())
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", str(pdf_path),
                    str(Path(SCREENSHOTS) / "cases-correction-letter")], check=True)
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    assert "补正" in text and "测试区财政局" in text
    assert "六十日内" not in text   # a 补正 notice is procedural: no remedy stated (国办函〔2021〕132号 art. 3)

    # The corrected application arrives: the clock restarts from that day.
    step = open_step(page, "receive_correction")
    step.locator("textarea[name=corrected_description]").fill("请公开测试区2024年老旧小区改造项目的实施方案")
    step.locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text() == "已受理"
    assert page.locator("#due-date").inner_text() == first_due
    page.click("text=查看计算过程")
    assert "答复期限重新计算" in page.locator("main").inner_text()
    screenshot(page, "cases-clock")
    page.go_back()

    # Assignment, then 部分公开 with what was withheld and why.
    open_step(page, "assign").locator("button[type=submit]").click()
    step = open_step(page, "decide")
    step.locator("select[name=result]").select_option("partial")
    step.locator("select[name=reply_type]").select_option("36.2")
    step.locator("textarea[name=reasons]").fill("提供实施方案正文。")
    step.locator("textarea[name=withheld_what]").fill("附件中施工人员的身份证号码")
    step.locator("textarea[name=withheld_why]").fill("涉及个人隐私（《条例》第十五条）")
    step.locator("button[type=submit]").click()
    assert page.locator("#case-result").inner_text().startswith("（二）部分公开")
    step = open_step(page, "deliver")
    step.locator("select[name=method]").select_option("direct")
    step.locator("input[name=signed_on]").fill(local_today().isoformat())
    step.locator("input[name=signed_by]").fill("张三")
    step.locator("button[type=submit]").click()
    open_step(page, "close").locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text() == "已办结"
    screenshot(page, "cases-detail-closed")

    # The applicant looks the case up with the tracking code.
    page.goto(f"{live_server.url}/apply/status/")
    page.fill("#id_code", code)
    page.click("main button[type=submit]")
    assert page.locator("#case-state").inner_text() == "已办结"
    body = page.locator("main").inner_text()
    assert "部分公开" in body and "张三" not in body and ID not in body and "13812341234" not in body
    screenshot(page, "cases-status")
