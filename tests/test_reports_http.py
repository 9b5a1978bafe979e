import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.cases.tests.factories import walk_in
from gongkai.core.actors import System
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, PastReport

YEAR = 2024
FIXTURES = Path(__file__).resolve().parents[1] / "src/gongkai/reports/tests/fixtures"


@pytest.fixture
def report(personas):
    walk_in(personas["handler_a"], personas.dept_a, arrived_on=dt.date(YEAR, 3, 4))
    return services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR,
                                    scope_codes=["*"])


def client_for(client, personas, name):
    if name != "anonymous":
        client.force_login(personas[name])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [
    ("anonymous", 302), ("editor_a", 403), ("supervisor", 200), ("publisher", 200), ("superuser", 200)])
def test_staff_report_page_permissions(client, personas, report, who, status):
    # editor_a holds report.view only in dept A; the government's report is not theirs.
    response = client_for(client, personas, who).get(reverse("backoffice:report_detail", args=[report.pk]))
    assert response.status_code == status


@pytest.mark.django_db
def test_every_number_links_to_its_records(client, personas, report):
    client.force_login(personas["publisher"])
    page = client.get(reverse("backoffice:report_detail", args=[report.pk])).content.decode()
    assert page.count("/records/?t=table3") == 25 * 7
    assert page.count("/records/?t=table4") == 15
    records = client.get(reverse("backoffice:report_records", args=[report.pk]),
                         {"t": "table3", "r": "new", "c": "total"})
    assert records.status_code == 200
    assert "报告中的数字：1" in records.content.decode()
    assert client.get(reverse("backoffice:report_records", args=[report.pk]), {"t": "x"}).status_code == 404
    share = client.get(reverse("backoffice:report_records", args=[report.pk]),
                       {"t": "agency", "r": str(personas.dept_a.pk), "c": "new"}).content.decode()
    assert "测试区财政局 · 本年新收申请" in share and "报告中的数字：1" in share
    fig = client.get(reverse("backoffice:report_records", args=[report.pk]),
                     {"t": "fig", "r": "applications_received"}).content.decode()
    assert "报告中的数字：1" in fig
    other = client.get(reverse("backoffice:report_records", args=[report.pk]),
                       {"t": "agency", "r": str(personas.dept_b.pk), "c": "new"}).content.decode()
    assert "报告中的数字：0" in other


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("supervisor", 403), ("admin", 403), ("publisher", 302)])
def test_publish_permissions(client, personas, report, who, status):
    response = client_for(client, personas, who).post(reverse("backoffice:report_publish", args=[report.pk]))
    assert response.status_code == status
    report.refresh_from_db()
    assert report.is_published == (who == "publisher")


@pytest.mark.django_db
def test_public_column_shows_only_published_reports_and_downloads(client, personas, report):
    code = personas.government.code
    assert client.get(reverse("portal:annual_report", kwargs={"code": code, "year": YEAR})).status_code == 404
    services.publish_report(actor=personas["publisher"], report=report)
    listing = client.get(reverse("portal:annual_reports", kwargs={"code": code})).content.decode()
    assert f"{YEAR}年度政府信息公开工作年度报告" in listing
    page = client.get(reverse("portal:annual_report", kwargs={"code": code, "year": YEAR})).content.decode()
    assert "三、收到和处理政府信息公开申请情况" in page and "/records/" not in page
    data = json.loads(client.get(
        reverse("portal:annual_report_download", kwargs={"code": code, "year": YEAR, "fmt": "json"})).content)
    assert data["table3"]["一、本年新收政府信息公开申请数量"]["总计"] == 1
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        body = client.get(reverse("portal:annual_report_download",
                                  kwargs={"code": code, "year": YEAR, "fmt": fmt})).content
        assert body.startswith(magic)
    feed = client.get(reverse("portal:annual_reports_feed", kwargs={"code": code})).content.decode()
    assert f"{YEAR}年度政府信息公开工作年度报告" in feed


@pytest.mark.django_db
def test_correction_shows_a_visible_note_and_keeps_the_old_version(client, personas, report):
    services.publish_report(actor=personas["publisher"], report=report)
    correction = services.start_correction(actor=personas["publisher"], report=report, note="更正第三部分的数字")
    services.publish_report(actor=personas["publisher"], report=correction)
    url = reverse("portal:annual_report", kwargs={"code": personas.government.code, "year": YEAR})
    latest = client.get(url).content.decode()
    assert "更正第三部分的数字" in latest and "第2版" in latest
    old = client.get(url, {"v": 1}).content.decode()
    assert "已被第2版更正" in old


@pytest.mark.django_db
def test_import_past_report_from_xlsx_written_by_the_platform(client, personas, report):
    from gongkai.reports.renderers.document import document_of
    from gongkai.reports.renderers.xlsx import render_xlsx

    content = render_xlsx(document_of(report))
    client.force_login(personas["publisher"])
    upload = io.BytesIO(content)
    upload.name = "past.xlsx"
    # The year comes from the file: a 2024 workbook is never kept as the 2023 report.
    response = client.post(reverse("backoffice:report_import"),
                           {"agency": personas.government.code, "year": YEAR - 1, "file": upload})
    assert response.status_code == 400 and "与指定的2023年度不符" in response.content.decode()
    upload.seek(0)
    response = client.post(reverse("backoffice:report_import"),
                           {"agency": personas.government.code, "year": "", "file": upload})
    assert response.status_code == 302
    past = PastReport.objects.get()
    assert past.year == YEAR
    assert past.tables["table3"] == report.snapshot["tables"]["table3"]


@pytest.mark.django_db
def test_import_rejects_a_file_that_is_not_a_report(client, personas):
    client.force_login(personas["publisher"])
    upload = io.BytesIO(b"not a workbook")
    upload.name = "x.xlsx"
    response = client.post(reverse("backoffice:report_import"),
                           {"agency": personas.government.code, "year": 2023, "file": upload})
    assert response.status_code == 400 and "XLSX" in response.content.decode()
    assert not PastReport.objects.exists()


@pytest.mark.django_db
def test_workbench_shows_due_dates(client, personas):
    client.force_login(personas["publisher"])
    page = client.get(reverse("backoffice:workbench")).content.decode()
    assert "发布期限" in page and AnnualReport.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["publisher", "supervisor"])
def test_rates_and_amounts_open_without_error(client, personas, who):
    """群众满意率 and 收取费用 are stored as decimal strings; their pages open, and a rate shows what it is
    computed from."""
    from gongkai.engagement import services as engagement

    message, _token = engagement.submit_message(
        actor=personas["publisher"], agency=personas.government, channel="phone", category="consult",
        subject="咨询", body="请问如何申请公开？", consent_to_publish=False,
        received_at=dt.datetime(2017, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    engagement.reply_to_message(actor=personas["publisher"], message=message, reply="已答复。",
                                replied_at=dt.datetime(2017, 3, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    engagement.record_rating(actor=personas["publisher"], message=message, rating="satisfied")
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2017)
    client.force_login(personas[who])
    detail = client.get(reverse("backoffice:report_detail", args=[report.pk]))
    assert detail.status_code == 200
    if who == "publisher":  # the editor of a six-part draft has its opening paragraph too
        assert "报告说明（正文前）" in detail.content.decode()
    url = reverse("backoffice:report_records", args=[report.pk])
    rate = client.get(url, {"t": "fig", "r": "satisfaction_rate"})
    assert rate.status_code == 200
    page = rate.content.decode()
    assert "报告中的数字：100" in page and "满意和基本满意的评价：1" in page and "作出评价的来件：1" in page
    fees = client.get(url, {"t": "fig", "r": "fees_collected"})
    assert fees.status_code == 200 and "报告中的数字：0" in fees.content.decode()


@pytest.mark.django_db
def test_six_part_figures_open_the_records_they_count(client, personas):
    """二（二）'s 重点领域 figures, the agency's own portal and the archive figures open their records."""
    from gongkai.catalog.models import Term
    from gongkai.catalog.services.importing import write_published_items
    from gongkai.engagement.services_records import record_archive_work

    focus = Term.objects.get(scheme="focus", code="caizhengzijin")
    published = dt.datetime(2017, 5, 8, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    write_published_items(actor=System, rows=[
        {"agency_id": agency.pk, "title": f"{agency.name}2017年财政资金使用情况", "summary": "", "body": "正文",
         "written_on": dt.date(2017, 5, 5), "published_on": dt.date(2017, 5, 8), "published_at": published,
         "focus_id": focus.pk, "channels": ["portal"]}
        for agency in (personas.government, personas.dept_a)
    ], action="item.imported")
    record_archive_work(actor=personas["publisher"], agency=personas.government, kind="reading",
                        recorded_on=dt.date(2017, 6, 30), visitors=37)
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2017,
                                      scope_codes=["*"])
    figures = {f["key"]: f["value"] for f in report.snapshot["figures"]}
    assert (figures["focus_caizhengzijin"], figures["own_portal_items"], figures["archive_visitors"]) == (2, 1, 37)
    client.force_login(personas["publisher"])
    url = reverse("backoffice:report_records", args=[report.pk])
    page = client.get(url, {"t": "fig", "r": "focus_caizhengzijin"}).content.decode()
    assert "报告中的数字：2" in page and page.count("2017年财政资金使用情况") == 2
    own = client.get(url, {"t": "fig", "r": "own_portal_items"}).content.decode()
    assert "报告中的数字：1" in own and f"{personas.government.name}2017年财政资金使用情况" in own
    assert f"{personas.dept_a.name}2017年财政资金使用情况" not in own
    archive = client.get(url, {"t": "fig", "r": "archive_visitors"})
    assert archive.status_code == 200 and "报告中的数字：37" in archive.content.decode()


@pytest.mark.django_db
def test_the_publisher_sets_the_signing_date_printed_under_the_report(client, personas, report):
    client.force_login(personas["publisher"])
    url = reverse("backoffice:report_publish", args=[report.pk])
    client.post(url, {"signed_on": "not-a-date"})
    report.refresh_from_db()
    assert not report.is_published
    client.post(url, {"signed_on": "2025-01-20"})
    report.refresh_from_db()
    assert report.is_published and report.signed_on == dt.date(2025, 1, 20)
    page = client.get(reverse("portal:annual_report", kwargs={"code": personas.government.code, "year": YEAR}))
    assert "2025年1月20日" in page.content.decode()


@pytest.mark.django_db
def test_declared_figures_open_their_declaration(client, personas):
    """A 表二 填报 cell and a six-part report's declared site statistic show the figure and its source."""
    services.declare_figure(actor=personas["publisher"], agency=personas.government, year=YEAR,
                            cell="第二十条第（五）项|行政许可|本年处理决定数量", value="12", source="审批系统年度统计")
    services.declare_figure(actor=personas["publisher"], agency=personas.government, year=2017,
                            cell="legacy|site_pictures", value="1213", source="网站内容管理系统年度统计")
    national = services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR)
    legacy = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2017)
    client.force_login(personas["supervisor"])
    cell = client.get(reverse("backoffice:report_records", args=[national.pk]),
                      {"t": "table2", "r": "第二十条第（五）项|行政许可", "c": "本年处理决定数量"}).content.decode()
    assert "报告中的数字：12" in cell and "审批系统年度统计" in cell
    site = client.get(reverse("backoffice:report_records", args=[legacy.pk]),
                      {"t": "fig", "r": "site_pictures"}).content.decode()
    assert "报告中的数字：1213" in site and "网站内容管理系统年度统计" in site
