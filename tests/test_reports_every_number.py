"""Every number of the demo's two reports leads to its records (issue 12 §3).

Each test runs on a copy of the session's demo (``demo_db``, tests/demo_database.py). As the district's
publisher (公开办) and as its supervisor, every drill-down link of the staff page of the 2017 report (2008 six-part form) and of the 2024 report (2021
national form) answers 200, states the figure the report states, lists records, and the records' number (or,
for a figure that adds up quantities, their sum; for a rate, the rate of the figures it is computed from)
equals the figure. Nothing behind the report is withheld from these two roles.
"""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

LINK = re.compile(r'href="([^"]*/records/\?[^"]*)"[^>]*>([^<]*)<')
FIGURE = re.compile(r"报告中的数字：([\d.]+)")
RECORDS = re.compile(r'data-records="(\d+)"')
QUANTITY = re.compile(r'data-quantity="([\d.]+)"')
DERIVED = re.compile(r"<p data-derived>.*?= ([\d.]+)%", re.S)
ROW = re.compile(r"<tbody>(.*?)</tbody>", re.S)


@pytest.fixture
def demo(demo_db):
    from gongkai.reports.models import AnnualReport

    return {r.year: r.pk for r in AnnualReport.objects.filter(agency__code="wsjkq")}


def _counted(page: str) -> str | None:
    for pattern in (QUANTITY, RECORDS, DERIVED):
        found = pattern.search(page)
        if found:
            return found.group(1)
    return None


def _same(a: str, b: str) -> bool:
    return Decimal(a) == Decimal(b)


@pytest.mark.parametrize("year", [2017, 2024])
@pytest.mark.parametrize("who", ["demo-publisher", "demo-supervisor"])
def test_every_number_opens_records_that_add_up_to_it(client, demo, year, who):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=who))
    detail = client.get(reverse("backoffice:report_detail", args=[demo[year]]))
    assert detail.status_code == 200
    links = LINK.findall(detail.content.decode())
    tables = {t: sum(1 for href, _ in links if f"t={t}" in href) for t in ("table2", "table3", "table4", "fig",
                                                                           "agency")}
    if year == 2024:  # every cell of the three national tables links (10 + 25 × 7 + 15)
        assert (tables["table2"], tables["table3"], tables["table4"]) == (10, 175, 15)
    assert tables["fig"] > 30 and tables["agency"] == 43 * 4
    wrong = []
    for href, shown in links:
        shown = shown.strip()
        response = client.get(html.unescape(href))
        page = response.content.decode() if response.status_code == 200 else ""
        figure, counted = FIGURE.search(page), _counted(page)
        rows = ROW.search(page)
        empty = rows is None or "没有可显示的记录" in rows.group(1)
        problems = [
            response.status_code != 200 and f"HTTP {response.status_code}",
            (figure is None or not _same(figure.group(1), shown)) and f"figure {figure and figure.group(1)}",
            (counted is None or not _same(counted, shown)) and f"records add up to {counted}",
            Decimal(shown) != 0 and empty and not DERIVED.search(page) and "no records",
            "无权查看" in page and "withheld",
        ]
        problems = [p for p in problems if p]
        if problems:
            wrong.append((html.unescape(href).split("?", 1)[1], shown, problems))
    assert wrong == []


def test_a_long_list_pages_to_its_last_record(client, demo):
    """主动公开 15117: all of them are behind the figure, 500 a page."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="demo-publisher"))
    url = reverse("backoffice:report_records", args=[demo[2017]])
    first = client.get(url, {"t": "fig", "r": "items_published"}).content.decode()
    assert "报告中的数字：15117" in first and 'data-records="15117"' in first and "第 1 / 31 页" in first
    last = client.get(url, {"t": "fig", "r": "items_published", "p": "31"}).content.decode()
    assert ROW.search(last).group(1).count("<tr>") == 15117 - 30 * 500
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_a_rate_opens_the_figures_it_is_computed_from(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="demo-supervisor"))
    url = reverse("backoffice:report_records", args=[demo[2017]])
    page = client.get(url, {"t": "fig", "r": "satisfaction_rate"}).content.decode()
    assert "报告中的数字：98" in page and "= 98%" in page
    rated = re.search(r'href="([^"]+r=mailbox_rated)">作出评价的来件：(\d+)', page)
    behind = client.get(html.unescape(rated.group(1))).content.decode()
    assert f'data-records="{rated.group(2)}"' in behind
