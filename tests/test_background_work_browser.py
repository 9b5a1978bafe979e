"""In Chromium: a catalog import started from the back office runs beside the request (the embedded default's
thread) and its page shows the bar, the counts and the time left as it goes, then the import's report."""

import re

import pytest

from gongkai.catalog.models import Item
from tests.browser import login, screenshot

ROWS = 3000


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_import_shows_its_progress_and_then_its_result(live_server, page, personas, settings, tmp_path):
    settings.GONGKAI_BACKGROUND_WORK = "thread"
    csv = tmp_path / "old-catalog.csv"
    csv.write_text("名称,内容概述,索引号,文号,发布日期\n" + "".join(
        f"2016年第{n}期工作简报,本期概述,,,2016-{1 + n % 12:02d}-{1 + n % 28:02d}\n" for n in range(ROWS)),
        encoding="utf-8")
    login(page, live_server, "publisher", "pw-publisher")
    page.goto(f"{live_server.url}/staff/catalog/import/")
    page.select_option("#id_agency", str(personas.dept_a.pk))
    page.set_input_files("#id_file", str(csv))
    page.uncheck("#id_dry_run")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/staff/work/\d+/$"))
    counts = page.locator("#work-counts")
    # The bar moves while the rows are screened: some rows done, not all, with the time left.
    counts.filter(has_text=re.compile(r"已处理 [1-9][\d,]*/3,000 \(\d+%\) (剩余约 \d\d:\d\d|剩余时间估算中)")).wait_for(
        timeout=60_000)
    value = int(page.locator("#work-bar").get_attribute("value") or 0)
    assert 0 < value < ROWS and page.locator("#work-bar").get_attribute("max") == str(ROWS)
    screenshot(page, "backoffice-import-progress")
    page.wait_for_selector("#import-result", timeout=180_000)
    assert f"已导入 {ROWS} 条信息" in page.locator("#import-result").inner_text()
    assert page.locator("#work-state").inner_text() == "已完成"
    screenshot(page, "backoffice-import-done")
    assert Item.objects.filter(agency=personas.dept_a, title__startswith="2016年第").count() == ROWS
