import datetime as dt

import pytest

from gongkai.cases.services_appeals import record_appeal
from gongkai.cases.tests.factories import walk_in
from gongkai.reports import services
from tests.browser import login, screenshot

YEAR = 2024


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_generate_drill_down_publish_and_read_in_the_portal(live_server, page, personas):
    for day in (3, 4, 5):
        app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=dt.date(YEAR, 3, day))
    record_appeal(actor=personas["handler_a"], agency=personas.dept_a, kind="reconsideration",
                  body="测试区人民政府", filed_on=dt.date(YEAR, 6, 1), application=app)
    services.declare_figure(actor=personas["publisher"], agency=personas.government, year=YEAR,
                            cell="第二十条第（五）项|行政许可|本年处理决定数量", value="57", source="审批系统年度统计")
    login(page, live_server, "publisher", "pw-publisher")
    page.goto(f"{live_server.url}/staff/reports/")
    page.fill("#id_year", str(YEAR))
    page.select_option("#id_agency", personas.government.code)
    page.fill("#id_include", "*")
    page.click("text=生成并冻结数据")
    page.wait_for_selector("text=全部勾稽关系成立")
    screenshot(page, "reports-staff-detail")
    page.locator("table.report-table3 tbody tr").first.locator("td.num a").last.click()
    page.wait_for_selector("text=报告中的数字：3")
    assert page.locator("main table tbody tr").count() == 3
    screenshot(page, "reports-drill-down")
    page.go_back()
    page.click("button:has-text('发布到年报栏目')")
    page.wait_for_selector("text=已发布到政府信息公开年报栏目。")
    page.goto(f"{live_server.url}/gk/{personas.government.code}/reports/{YEAR}/")
    assert "三、收到和处理政府信息公开申请情况" in page.locator("main").inner_text()
    assert page.locator("table.report-table3 tbody a").count() == 0
    screenshot(page, "reports-portal")
