"""The cluster in Chromium on the sites' own host names: the identity footer (screenshot), the footer's
大字 switch, the 网站地图, the 找错 form sent by a person, and axe-core on those pages."""

from pathlib import Path

import pytest

from gongkai.sites.models import ErrorReport
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.sites_helpers import make_sites
from tests.test_portal_browser import _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[1] / "var" / "screenshots"


@pytest.fixture
def site_page(personas, settings, tmp_path, playwright_driver):
    settings.ALLOWED_HOSTS = [".test.gov.cn", "testserver", "localhost"]
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    make_sites(personas)
    # The sites' names resolve to the live server, as DNS would send them to nginx.
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP *.test.gov.cn 127.0.0.1"])
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
    finally:
        browser.close()


def test_the_footer_map_and_error_form_on_the_sites_own_name(live_server, site_page):
    page = site_page
    origin = "http://www.test.gov.cn:" + live_server.url.rsplit(":", 1)[1]
    page.goto(origin + "/")
    footer = page.locator("footer.site-footer")
    assert "网站标识码：5001100001" in footer.inner_text()
    assert footer.locator("img[alt='党政机关网站标识']").evaluate("img => img.naturalWidth") > 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    footer.screenshot(path=str(SHOTS / "sites-footer.png"))
    page.set_viewport_size({"width": 360, "height": 800})
    footer.screenshot(path=str(SHOTS / "sites-footer-360.png"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})
    # The footer's 无障碍/大字 switch is the large-text mode, remembered across pages.
    footer.locator("button.large-text-toggle").click()
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
    page.click("footer >> text=网站地图")
    page.wait_for_url(origin + "/gk/gov/map/")
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    assert page.locator("main a[href='/gk/gov/mailbox/']").count() == 1
    problems = {"map": _axe(page)}
    # 高对比度, the footer's other 无障碍 switch: light on black, remembered across pages like 大字.
    switch = page.locator("footer button.high-contrast-toggle")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.goto(origin + "/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    problems["home, high contrast"] = _axe(page)
    page.locator("footer.site-footer").screenshot(path=str(SHOTS / "sites-footer-high-contrast.png"))
    page.screenshot(path=str(SHOTS / "sites-home-high-contrast.png"))
    page.locator("footer button.high-contrast-toggle").click()
    page.click("footer >> text=网站地图")
    page.click("footer >> text=我为政府网站找错")
    problems["form"] = _axe(page)
    page.check("input[value='broken_link']")
    page.fill("#id_page_url", origin + "/gk/gov/guide/")
    page.fill("#id_description", "指南页“在线申请”链接打不开。")
    page.click("main button[type=submit]")
    page.wait_for_url(origin + "/gk/gov/report-error/sent/")
    assert ErrorReport.objects.get().tracking_code in page.inner_text("main")
    assert problems == {"map": [], "home, high contrast": [], "form": []}
