"""政府网站工作年度报表 (issue 14 §4): generated per site and year from records, the office's entries with a
note, printed as HTML, PDF and XLSX, published on the site's home page, a reminder from mid-January, and the
collection of an agency's sites."""

import datetime as dt
import io

import pytest
from django.test import Client

from gongkai.core.actors import System
from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.time import local_today
from gongkai.engagement import services as engagement
from gongkai.sites import services, yearly
from gongkai.sites.domain.yearly_report import ROWS
from tests.catalog_helpers import published
from tests.sites_helpers import make_sites

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites(personas, settings, tmp_path):
    settings.ALLOWED_HOSTS = [".test.gov.cn", "testserver"]
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    return make_sites(personas)


def rows(report):
    return {row.key: row for row in report.rows}


def test_rows_follow_the_table_and_count_from_records(sites, personas):
    portal, dept = sites
    year = local_today().year
    for n in range(3):
        published(personas, title=f"关于第{n}项工作的通知")
    engagement.submit_message(actor=System, agency=personas.government, channel="web", category="consult",
                              subject="咨询", body="请问办事时间？")
    services.set_site_figure(actor=personas["admin"], site=portal, year=year, key="drills", value=1,
                             note="6月开展网站应急演练")
    services.set_site_figure(actor=personas["admin"], site=portal, year=year, key="innovation", value=1,
                             note="上线适老化大字模式")
    report = yearly.yearly_report(portal, year)
    assert [(r.section, r.label) for r in report.rows] == [(s, lab) for s, lab, *_rest in ROWS]
    got = rows(report)
    assert got["name"].value == "测试区政府网" and got["home"].value == "https://www.test.gov.cn/"
    assert got["site_type"].value == "政府门户网站" and got["site_code"].value == "5001100001"
    assert got["items_total"].value == 0                    # department A's items are its own site's
    assert rows(yearly.yearly_report(dept, year))["items_total"].value == 3
    assert got["messages_received"].value == 1 and got["unified_platform"].shown == "是"
    assert got["drills"].shown == "是" and got["drills"].note == "6月开展网站应急演练"
    assert got["innovation"].value == "上线适老化大字模式"
    assert got["security_tests"].shown == "—"              # not entered: not stated, never a made-up zero


def test_a_year_before_the_platform_takes_the_offices_figure_with_its_note(sites, personas):
    portal, _dept = sites
    services.set_site_figure(actor=personas["admin"], site=portal, year=2017, key="page_views", value=651327,
                             note="内容管理系统统计", is_approximate=True)
    got = rows(yearly.yearly_report(portal, 2017))
    assert got["views"].value == 651327 and got["views"].note == "约数；内容管理系统统计"


def test_published_on_the_home_page_in_three_formats_and_kept_as_published(sites, personas):
    from openpyxl import load_workbook

    portal, _dept = sites
    year = local_today().year - 1
    with pytest.raises(NotAllowed):
        yearly.publish_yearly_report(actor=personas["editor_a"], site=portal, year=year)
    assert Client().get(f"/gk/gov/site-reports/{year}/").status_code == 404
    yearly.publish_yearly_report(actor=personas["publisher"], site=portal, year=year)
    with pytest.raises(DomainError):
        yearly.publish_yearly_report(actor=personas["publisher"], site=portal, year=year)
    client = Client(HTTP_HOST="www.test.gov.cn")
    home = client.get("/").content.decode()
    assert f'href="/gk/gov/site-reports/{year}/"' in home
    page = client.get(f"/gk/gov/site-reports/{year}/").content.decode()
    assert "独立用户访问总量" in page and "5001100001" in page
    pdf = client.get(f"/gk/gov/site-reports/{year}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"/gk/gov/site-reports/{year}/report.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    labels = [sheet.cell(row=r, column=2).value for r in range(3, 3 + len(ROWS))]
    assert labels == [label for _s, label, *_rest in ROWS]
    assert client.get(f"/gk/gov/site-reports/{year}/report.docx").status_code == 404
    # Later records do not change what was published.
    published(personas, title="发布后的信息")
    assert rows(yearly.yearly_report(portal, year))["items_total"].value == 0


def test_the_collection_column_lists_every_sites_report(sites, personas):
    portal, dept = sites
    year = local_today().year - 1
    for site in (portal, dept):
        yearly.publish_yearly_report(actor=personas["admin"], site=site, year=year)
    page = Client().get("/gk/gov/site-reports/").content.decode()
    assert "测试区政府网" in page and "测试区财政局网站" in page
    assert f"/gk/dept-a/site-reports/{year}/report.pdf" in page


def test_the_workbench_reminds_from_mid_january_until_published(sites, personas, client, monkeypatch):
    _portal, dept = sites
    client.force_login(personas["publisher"])
    monkeypatch.setattr("gongkai.backoffice.views_sites.local_today", lambda: dt.date(2027, 1, 10))
    assert "须于1月31日前" not in client.get("/staff/").content.decode()
    monkeypatch.setattr("gongkai.backoffice.views_sites.local_today", lambda: dt.date(2027, 1, 16))
    page = client.get("/staff/").content.decode()
    assert "2026年度政府网站工作年度报表须于1月31日前" in page and "测试区财政局网站" in page
    yearly.publish_yearly_report(actor=personas["publisher"], site=dept, year=2026)
    page = client.get("/staff/").content.decode()
    assert "测试区财政局网站" not in page.split("须于1月31日前")[1].split("</ul>")[0]


def test_the_staff_preview_and_publish(sites, personas, client):
    portal, _dept = sites
    client.force_login(personas["publisher"])
    year = local_today().year - 1
    page = client.get(f"/staff/sites/{portal.pk}/yearly/{year}/")
    assert page.status_code == 200 and "发布到网站首页" in page.content.decode()
    assert client.post(f"/staff/sites/{portal.pk}/yearly/{year}/").status_code == 302
    assert client.post(f"/staff/sites/{portal.pk}/yearly/{year}/").status_code == 400
    client.force_login(personas["editor_a"])
    assert client.post(f"/staff/sites/{portal.pk}/yearly/{year}/").status_code == 403


def test_the_reminder_stages_follow_the_31_january_deadline():
    from gongkai.sites.domain.yearly_schedule import Stage, reported_year, stage

    assert stage(dt.date(2027, 1, 14)) is None
    assert stage(dt.date(2027, 1, 15)) is Stage.DUE and stage(dt.date(2027, 1, 31)) is Stage.DUE
    assert stage(dt.date(2027, 2, 1)) is Stage.OVERDUE and stage(dt.date(2027, 12, 31)) is Stage.OVERDUE
    assert reported_year(dt.date(2027, 1, 15)) == 2026


def test_the_timed_reminder_mails_each_owing_office_once_per_stage(sites, personas, client, monkeypatch):
    from gongkai.core.models import Event, OutboxMessage
    from gongkai.sites.yearly_reminders import remind_yearly_reports

    portal, dept = sites
    publisher = personas["publisher"]
    publisher.email = "gkb@example.gov.cn"
    publisher.save()
    assert remind_yearly_reports(today=dt.date(2027, 1, 14)) == 0
    assert remind_yearly_reports(today=dt.date(2027, 1, 15)) == 2
    assert remind_yearly_reports(today=dt.date(2027, 1, 15)) == 0   # idempotent: a second run, the same day
    assert remind_yearly_reports(today=dt.date(2027, 1, 28)) == 0   # … and a later run of the same stage
    mails = list(OutboxMessage.objects.filter(dedupe_key__startswith="sites.remind_yearly_reports"))
    assert [(m.recipient, m.subject) for m in mails] == [
        ("gkb@example.gov.cn", "【政府网站工作年度报表】测试区政府网：2026年度报表须于1月31日前发布")]
    events = Event.objects.filter(action="site.yearly_report_reminded").order_by("id")
    assert [(e.object_id, e.payload["stage"]) for e in events] == [(str(portal.pk), "due"), (str(dept.pk), "due")]
    yearly.publish_yearly_report(actor=publisher, site=portal, year=2026)
    assert remind_yearly_reports(today=dt.date(2027, 2, 1)) == 1     # only the site that still owes it
    events = Event.objects.filter(action="site.yearly_report_reminded").order_by("id")
    assert events.count() == 3 and events.last().payload == {"year": 2026, "stage": "overdue",
                                                              "deadline": "2027-01-31"}
    client.force_login(publisher)
    monkeypatch.setattr("gongkai.backoffice.views_sites.local_today", lambda: dt.date(2027, 2, 1))
    page = client.get("/staff/").content.decode()
    listed = page.split("已超过1月31日的发布期限")[1].split("</ul>")[0]
    assert "测试区财政局网站" in listed and "测试区政府网" not in listed


def test_a_site_opened_after_the_year_owes_no_report_for_it(sites, personas):
    from gongkai.sites.yearly_reminders import remind_yearly_reports

    _portal, dept = sites
    services.update_site(actor=personas["admin"], site=dept, integrated_on=dt.date(2027, 1, 5))
    assert remind_yearly_reports(today=dt.date(2027, 1, 15)) == 1
