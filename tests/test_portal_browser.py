"""The portal in Chromium: search a two-character word and a 文号 and open the result, browse a column, download
an attachment, switch to large text, axe-core on every page type, and the user-guide screenshots.

Data: the demo district (wsjkq) with its 2017 catalog when the demo has one, plus the items made here.
"""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from gongkai.agencies.models import Agency
from gongkai.catalog import services as catalog
from tests.browser import screenshot

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def demo(settings, tmp_path, demo_db):
    """The demo (loaded once per session, copied: tests/demo_database.py) and a few items published here."""
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    editor, reviewer = _user("demo-editor"), _user("demo-reviewer")
    secrecy, publisher = _user("demo-secrecy"), _user("demo-publisher")
    czj = Agency.objects.get(code="wsjkq-czj")
    item = catalog.create_item(
        actor=editor, agency=czj, title="万盛经开区财政局关于公开2017年区级部门预算的通知",
        doc_number="万盛财发〔2017〕61号", written_on=dt.date(2017, 2, 10),
        summary="公开2017年区级部门预算和“三公”经费预算。",
        body="<p>各部门：根据《中华人民共和国预算法》，现将2017年区级部门预算公开工作有关事项通知如下。</p>"
             "<p>一、公开范围：区级各部门预算、“三公”经费预算。</p><p>二、公开时间：批复后20日内。</p>",
    )
    catalog.add_attachment(actor=editor, item=item, name="2017年部门预算公开表.xlsx", data=_workbook())
    catalog.submit_item(actor=editor, item=item)
    catalog.review_item(actor=reviewer, item=item)
    catalog.secrecy_review_item(actor=secrecy, item=item)
    item = catalog.publish_item(actor=publisher, item=item, published_on=dt.date(2017, 2, 20))
    for n, title in enumerate(["关于做好2017年政府信息公开工作的通知", "万盛经开区2017年财政预算执行情况报告"], start=1):
        other = catalog.create_item(actor=editor, agency=czj, title=title, summary="财政预算公开工作安排。",
                                    body="<p>做好预算公开，接受社会监督。</p>")
        catalog.submit_item(actor=editor, item=other)
        catalog.review_item(actor=reviewer, item=other)
        catalog.secrecy_review_item(actor=secrecy, item=other)
        catalog.publish_item(actor=publisher, item=other, published_on=dt.date(2017, 3, n))
    return item


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["部门", "预算（万元）"])
    book.active.append(["区财政局", 1234])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _axe(page) -> list[dict]:
    # The Content-Security-Policy (script-src 'self') refuses an inline script tag: axe is served from the
    # page's own origin through a route instead.
    url = page.evaluate("location.origin") + "/__axe.min.js"
    page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url=url)
    page.unroute(url)
    violations = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [v for v in violations if v["impact"] in BLOCKING]


def _form_pages() -> list[str]:
    pages = []
    for name in ("apply", "mailbox"):
        try:
            pages.append(reverse(f"portal:{name}", kwargs={"code": "wsjkq"}))
        except NoReverseMatch:
            continue
    return pages


def test_search_two_characters_and_doc_number_then_open_result(live_server, page, demo):
    page.goto(live_server.url + "/")
    page.fill("#header-q", "预算")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("ol.results mark").first.inner_text() == "预算"
    page.fill("#q", "万盛财发[2017]61号")
    page.click("form.search-form button[type=submit]")
    exact = page.locator("section.exact a").first
    assert exact.inner_text() == demo.title
    exact.click()
    page.wait_for_url(f"**{demo.public_path}")
    assert page.locator("h1").inner_text() == demo.title
    assert "万盛财发〔2017〕61号" in page.locator(".item-meta-block").inner_text()


def test_browse_a_column_and_download_an_attachment(live_server, page, demo):
    page.goto(live_server.url + "/gk/wsjkq-czj/")
    page.get_by_role("link", name="政府信息公开目录", exact=True).first.click()
    page.wait_for_url("**/gk/wsjkq-czj/catalog/")
    page.select_option("#f-year", "2017")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/gk/wsjkq-czj/catalog/?*year=2017*")
    first = page.locator("table.catalog-table tbody a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == title
    assert "2017-" in page.locator(".item-meta-block").inner_text()
    # The demo's own 2017 catalog may fill the first pages; the item with the attachment is opened by address.
    page.goto(live_server.url + demo.public_path)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="2017年部门预算公开表.xlsx").click()
    download = download_info.value
    assert download.suggested_filename == "2017年部门预算公开表.xlsx"
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active.iter_rows(values_only=True))
    assert rows == [("部门", "预算（万元）"), ("区财政局", 1234)]


def test_large_text_mode_is_remembered_and_keyboard_reachable(live_server, page, demo):
    page.goto(live_server.url + "/gk/wsjkq/")
    before = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    page.keyboard.press("Tab")   # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.focus("#large-text-toggle")
    page.keyboard.press("Enter")
    assert page.get_attribute("#large-text-toggle", "aria-pressed") == "true"
    after = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert (before, after) == ("16px", "20px")
    page.goto(live_server.url + "/gk/wsjkq/guide/")
    assert page.evaluate("document.documentElement.classList.contains('large-text')")


def test_axe_finds_no_serious_violation_on_any_page_type(live_server, page, demo):
    pages = ["/", "/gk/wsjkq/", "/gk/wsjkq/guide/", "/gk/wsjkq/statutory/", "/gk/wsjkq/catalog/",
             demo.public_path, "/search/?q=预算", "/search/?q=政", "/gk/nope/", *_form_pages()]
    problems = {}
    for path in pages:
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + path)
            found = _axe(page)
            if found:
                problems[f"{path} @{width}"] = found
            # A 360 px wide screen never scrolls sideways.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    assert problems == {}


def test_portal_screenshots(live_server, page, demo):
    shots = {"home": "/", "column": "/gk/wsjkq/guide/", "list": "/gk/wsjkq/catalog/",
             "item": demo.public_path, "search": "/search/?q=预算"}
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in shots.items():
            page.goto(live_server.url + path)
            screenshot(page, f"portal-{name}-{width}")
