"""我为政府网站找错 (issue 14 §3): the public form on every site with the mailbox's guards, the queue of the
site's 主办单位 with assignment, reply and a working-day deadline, overdue reports on the workbench, counts."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client

from gongkai.core.errors import DomainError, NotAllowed
from gongkai.sites import selectors, services
from gongkai.sites.domain import error_reports as rules
from gongkai.sites.models import ErrorReport
from tests.sites_helpers import make_sites

pytestmark = pytest.mark.django_db
FORM = {"kind": "broken_link", "page_url": "https://www.test.gov.cn/gk/gov/guide/",
        "description": "指南页“在线申请”链接打不开。", "contact_name": "", "contact": ""}


@pytest.fixture
def sites(personas, settings):
    settings.ALLOWED_HOSTS = [".test.gov.cn", "testserver"]
    return make_sites(personas)


def test_a_visitor_reports_an_error_with_contact_optional(sites):
    client = Client(HTTP_HOST="www.test.gov.cn")
    page = client.get("/gk/gov/report-error/?page=https://www.test.gov.cn/gk/gov/guide/")
    assert page.status_code == 200 and 'value="https://www.test.gov.cn/gk/gov/guide/"' in page.content.decode()
    response = client.post("/gk/gov/report-error/", FORM)
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.site == sites[0] and report.kind == "broken_link" and report.contact == ""
    assert report.tracking_code in client.get(response["Location"]).content.decode()


def test_a_department_with_its_own_site_gets_its_own_report(sites):
    assert Client().post("/gk/dept-a/report-error/", FORM).status_code == 302
    assert ErrorReport.objects.get().site == sites[1]


@pytest.mark.parametrize("change", [{"description": ""}, {"kind": "nonsense"}, {"page_url": ""},
                                    {"description": "长" * 2001}, {"homepage": "http://spam.example"},
                                    {"page_url": "https://x/\x01"}])
def test_bad_input_keeps_what_was_typed_and_saves_nothing(sites, change):
    response = Client().post("/gk/gov/report-error/", {**FORM, **change})
    assert response.status_code == 400
    assert not ErrorReport.objects.exists()
    if "description" not in change and "homepage" not in change:
        assert FORM["description"] in response.content.decode()


def test_a_flood_is_throttled_and_nothing_accepted_is_lost(sites, monkeypatch):
    monkeypatch.setattr("gongkai.core.public_forms.time", SimpleNamespace(time=lambda: 1_700_000_100.0))
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [client.post("/gk/gov/report-error/", {**FORM, "description": f"第{n}处错误"}).status_code
                for n in range(12)]
    assert statuses == [302] * 5 + [429] * 7
    assert ErrorReport.objects.count() == 5


def test_an_agency_without_any_site_has_no_form(personas):
    assert Client().get("/gk/gov/report-error/").status_code == 404
    assert Client().get("/gk/no-such/report-error/").status_code == 404


def test_deadline_is_three_working_days_on_the_official_calendar(sites):
    # 2024-09-27 is a Friday; 2024-10-01..07 is the National Day holiday, 09-29 and 10-12 are working Sundays/Saturdays.
    from gongkai.calendars.official import current_calendar

    expected = rules.reply_due_on(dt.date(2024, 9, 27), current_calendar(), 3)
    report = services.submit_error_report(site=sites[0], kind="content", page_url="/", description="错别字",
                                          received_on=dt.date(2024, 9, 27))
    assert report.reply_due_on == expected
    assert current_calendar().working_days_between(dt.date(2024, 9, 27), expected) == 3


def test_the_setting_changes_the_deadline(sites, settings):
    from gongkai.calendars.official import current_calendar

    settings.GONGKAI_ERROR_REPORT_REPLY_WORKING_DAYS = 5
    report = services.submit_error_report(site=sites[0], kind="content", page_url="/", description="错别字",
                                          received_on=dt.date(2024, 3, 4))
    assert current_calendar().working_days_between(dt.date(2024, 3, 4), report.reply_due_on) == 5


def test_the_sponsor_assigns_and_replies_and_others_may_not(sites, personas):
    portal, dept = sites
    report = services.submit_error_report(site=portal, kind="content", page_url="/", description="错别字")
    with pytest.raises(NotAllowed):
        services.assign_error_report(actor=personas["editor_a"], report=report, assignee=personas["editor_a"])
    with pytest.raises(DomainError):   # an editor of a department does not answer for the portal
        services.assign_error_report(actor=personas["publisher"], report=report, assignee=personas["editor_a"])
    services.assign_error_report(actor=personas["publisher"], report=report, assignee=personas["publisher"])
    services.reply_error_report(actor=personas["publisher"], report=report, reply="已更正。", is_valid=True)
    report.refresh_from_db()
    assert (report.status, report.is_valid, report.assignee) == ("replied", True, personas["publisher"])
    with pytest.raises(DomainError):
        services.reply_error_report(actor=personas["publisher"], report=report, reply="again", is_valid=True)
    # The department's editor answers for the department's own site.
    other = services.submit_error_report(site=dept, kind="stale", page_url="/", description="不更新")
    services.reply_error_report(actor=personas["editor_a"], report=other, reply="已更新。", is_valid=True)


def test_staff_queue_pages_and_the_workbench_lists_overdue(sites, personas, client):
    portal, _dept = sites
    late = services.submit_error_report(site=portal, kind="content", page_url="/", description="旧的错误",
                                        received_on=dt.date(2020, 1, 6))
    services.submit_error_report(site=portal, kind="content", page_url="/", description="新的错误")
    client.force_login(personas["publisher"])
    assert late.tracking_code in client.get("/staff/sites/reports/?flag=overdue").content.decode()
    workbench = client.get("/staff/").content.decode()
    assert "我为政府网站找错" in workbench and late.tracking_code in workbench
    detail = client.get(f"/staff/sites/reports/{late.pk}/")
    assert detail.status_code == 200 and "已超过答复期限" in detail.content.decode()
    response = client.post(f"/staff/sites/reports/{late.pk}/", {"action": "reply", "is_valid": "1", "reply": ""})
    assert response.status_code == 400
    response = client.post(f"/staff/sites/reports/{late.pk}/", {"action": "reply", "is_valid": "1",
                                                                 "reply": "已更正。"})
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == "replied"
    client.force_login(personas["editor_b"])
    assert client.get(f"/staff/sites/reports/{late.pk}/").status_code == 403
    assert client.get("/staff/sites/reports/999999/").status_code == 404


def test_counts_for_the_yearly_report(sites, personas):
    portal, _dept = sites
    day = dt.date(2024, 3, 4)
    a = services.submit_error_report(site=portal, kind="content", page_url="/", description="1", received_on=day)
    b = services.submit_error_report(site=portal, kind="content", page_url="/", description="2", received_on=day)
    services.submit_error_report(site=portal, kind="content", page_url="/", description="3", received_on=day)
    services.reply_error_report(actor=personas["publisher"], report=a, reply="好", is_valid=True, replied_on=day)
    services.reply_error_report(actor=personas["publisher"], report=b, reply="否", is_valid=False,
                                replied_on=dt.date(2024, 4, 30))
    counts = selectors.error_report_counts(portal, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert counts == {"received": 3, "replied": 2, "on_time": 1, "valid": 1, "open": 1, "overdue": 1}
    # On the day it was received the open report is not overdue yet.
    assert selectors.error_report_counts(portal, dt.date(2024, 1, 1), dt.date(2024, 12, 31), today=day)["overdue"] == 0


def test_site_pages_of_the_back_office(sites, personas, client):
    portal, _dept = sites
    client.force_login(personas["admin"])
    assert "测试区政府网" in client.get("/staff/sites/").content.decode()
    page = client.get(f"/staff/sites/{portal.pk}/")
    assert page.status_code == 200 and "www.test.gov.cn\ntest.gov.cn" in page.content.decode()
    data = {"action": "identity", "name": "测试区人民政府网", "site_type": "portal", "domains": "www.test.gov.cn",
            "site_code": "5001100001", "sponsor": "测试区人民政府办公室", "is_active": "on"}
    assert client.post(f"/staff/sites/{portal.pk}/", {**data, "site_code": "12"}).status_code == 400
    assert client.post(f"/staff/sites/{portal.pk}/", data).status_code == 302
    portal.refresh_from_db()
    assert portal.name == "测试区人民政府网" and portal.domains.count() == 1
    figure = {"action": "figure", "year": "2024", "key": "drills", "value": "1", "note": "2024-06 应急演练记录"}
    assert client.post(f"/staff/sites/{portal.pk}/", figure).status_code == 302
    assert portal.figures.get().note == "2024-06 应急演练记录"
    client.force_login(personas["editor_a"])
    assert client.post(f"/staff/sites/{portal.pk}/", data).status_code == 403
