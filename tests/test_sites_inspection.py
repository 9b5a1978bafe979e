"""What stands behind the 政府网站工作年度报表 (issue 14 §3–4): each counted row lists the records it counts, the
office's figures outside the annex's table are printed after it, and the inspection page shows per site whether
the 报表 was published in time and how its 找错 reports were answered."""

import datetime as dt

import pytest

from gongkai.core.actors import Public
from gongkai.core.time import local_today
from gongkai.sites import services, yearly
from gongkai.sites.domain.yearly_report import APPENDIX_SECTION, ROWS
from tests.catalog_helpers import published
from tests.sites_helpers import make_sites

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites(personas, settings, tmp_path):
    settings.ALLOWED_HOSTS = [".test.gov.cn", "testserver"]
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    return make_sites(personas)


def test_a_counted_row_lists_the_records_it_counts(sites, personas, client):
    _portal, dept = sites
    year = local_today().year
    titles = [f"关于第{n}项工作的通知" for n in range(3)]
    for title in titles:
        published(personas, title=title)
    client.force_login(personas["publisher"])
    page = client.get(f"/staff/sites/{dept.pk}/yearly/{year}/").content.decode()
    assert f'href="/staff/sites/{dept.pk}/yearly/{year}/items_total/">3</a>' in page
    drill = client.get(f"/staff/sites/{dept.pk}/yearly/{year}/items_total/").content.decode()
    assert "信息发布 · 总数：3" in drill and all(title in drill for title in titles)
    assert "/staff/catalog/items/" in drill
    # Identity rows and office entries are not counts of records.
    assert client.get(f"/staff/sites/{dept.pk}/yearly/{year}/site_code/").status_code == 404
    assert client.get(f"/staff/sites/{dept.pk}/yearly/{year}/drills/").status_code == 404


def test_the_offices_other_figures_follow_the_table_under_their_own_heading(sites, personas):
    portal, _dept = sites
    report = yearly.yearly_report(portal, 2017)
    assert [r.key for r in report.rows] == [key for _s, _l, key, *_rest in ROWS]   # nothing entered: no appendix
    services.set_site_figure(actor=personas["admin"], site=portal, year=2017, key="pictures", value=1213,
                             note="内容管理系统统计")
    report = yearly.yearly_report(portal, 2017)
    assert report.rows[len(ROWS):][0].label == "上传图片" and report.sections[-1][0] == APPENDIX_SECTION


def test_the_inspection_page_counts_the_sites_reports_and_error_reports(sites, personas, client):
    portal, dept = sites
    year = local_today().year - 1
    late = services.submit_error_report(site=dept, kind="content", page_url="https://czj.test.gov.cn/",
                                        description="错别字", received_on=dt.date(year, 3, 2))
    answered = services.submit_error_report(site=dept, kind="broken_link", page_url="https://czj.test.gov.cn/a/",
                                            description="链接打不开", received_on=dt.date(year, 3, 2))
    services.reply_error_report(actor=personas["publisher"], report=answered, reply="已修复", is_valid=True,
                                replied_on=answered.reply_due_on)
    yearly.publish_yearly_report(actor=personas["publisher"], site=portal, year=year)
    client.force_login(personas["publisher"])
    page = client.get(f"/staff/sites/inspection/?year={year}").content.decode()
    assert "共 2 个网站，1 个已发布本年度政府网站工作年度报表" in page
    assert "收到 2 件，已答复 1 件（按期 1 件），办理中 1 件，其中超过答复期限 1 件" in page
    assert late.tracking_code not in page                     # counts, not the reports themselves
    assert client.get("/staff/sites/inspection/?year=abc").status_code == 200


def test_the_mailbox_rows_list_the_messages_and_the_visits_rows_the_months(sites, personas, client):
    from gongkai.engagement import services as engagement

    portal, _dept = sites
    year = local_today().year
    message, _token = engagement.submit_message(actor=Public, agency=personas.government, channel="web", category="consult",
                                                subject="咨询办事时间", body="请问办事时间？")
    client.force_login(personas["publisher"])
    drill = client.get(f"/staff/sites/{portal.pk}/yearly/{year}/messages_received/").content.decode()
    assert "互动交流 · 留言办理：收到留言数量：1" in drill and f"/staff/engagement/messages/{message.pk}/" in drill
    visits = client.get(f"/staff/sites/{portal.pk}/yearly/{year}/views/")
    assert visits.status_code == 200 and "本年度没有记录" in visits.content.decode()
