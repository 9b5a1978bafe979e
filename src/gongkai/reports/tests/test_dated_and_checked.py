"""A report is dated and checked as what it is: the date under it is the office's signing date, a 2008-form
report answers to the 2008 rules only, and a past report is kept under the year and agency its file names."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import Event
from gongkai.reports import services
from gongkai.reports.models import PastReport
from gongkai.reports.renderers.document import document_of
from gongkai.reports.renderers.export import render

pytestmark = pytest.mark.django_db


def test_the_date_under_a_report_is_its_signing_date(personas):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2017)
    report = services.publish_report(actor=personas["publisher"], report=report, signed_on=dt.date(2018, 3, 15))
    document = document_of(report)
    assert document.published_on == "2018年3月15日"
    assert render(document, "text").rstrip().endswith(f"{personas.government.name}\n2018年3月15日")
    assert "2018年3月15日" in render(document, "html")
    event = Event.objects.get(action="report.published", object_id=str(report.pk))
    assert event.payload["signed_on"] == "2018-03-15"


@pytest.mark.parametrize(("signed_on", "message"), [
    (dt.date(2017, 12, 31), "报告年度（2017年）结束之后"),
    (dt.date.today() + dt.timedelta(days=400), "不能晚于今天"),
])
def test_a_signing_date_inside_the_year_or_in_the_future_is_refused(personas, signed_on, message):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2017)
    with pytest.raises(ValidationFailed, match=message):
        services.publish_report(actor=personas["publisher"], report=report, signed_on=signed_on)
    report.refresh_from_db()
    assert not report.is_published


def test_a_2008_form_report_is_checked_by_2008_rules_only(personas):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2017)
    assert report.snapshot["findings"] == []
    report = services.publish_report(actor=personas["publisher"], report=report, signed_on=dt.date(2018, 3, 1))
    history = Event.objects.filter(object_id=str(report.pk), action__startswith="report.")
    assert {e.action for e in history} == {"report.generated", "report.published"}
    for event in history:
        assert "30号" not in event.legal_basis and "60号" not in event.legal_basis
        assert "（2008年施行）第三十一条、第三十二条" in event.legal_basis
    text = render(document_of(report), "text")
    assert "第二十条" not in text and "30号" not in text


def test_a_2008_form_xlsx_holds_its_figures(personas):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2017)
    book = load_workbook(io.BytesIO(render(document_of(report), "xlsx")))
    assert book.sheetnames == ["说明", "数字"]
    rows = list(book["数字"].iter_rows(values_only=True))
    assert rows[0] == ("部分", "项目", "数值", "单位")
    by_label = {(r[1], r[3]): r[2] for r in rows[1:]}
    assert by_label[("受理依申请公开", "件")] == 0
    assert by_label[("主动公开政府信息", "条")] == 0
    particulars = {r[0]: r[1] for r in book["说明"].iter_rows(values_only=True)}
    assert particulars["机构代码"] == personas.government.code and particulars["年度"] == 2017


def _xlsx_of_2024(personas, tmp_path):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2024)
    path = tmp_path / "past-report.xlsx"
    path.write_bytes(render(document_of(report), "xlsx"))
    report.delete()
    return path


def _import(*args) -> str:
    out = io.StringIO()
    call_command("report", "import", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_report_import_takes_the_year_from_the_file(personas, tmp_path):
    path = _xlsx_of_2024(personas, tmp_path)
    assert "2024 年度报告" in _import(path, "--agency", personas.government.code)
    assert PastReport.objects.get().year == 2024


def test_report_import_refuses_another_year_or_agency(personas, tmp_path):
    path = _xlsx_of_2024(personas, tmp_path)
    with pytest.raises(CommandError, match="文件是2024年度的报告，与指定的2023年度不符"):
        _import(path, "--agency", personas.government.code, "--year", "2023")
    with pytest.raises(CommandError, match=r"不是.*的，未导入"):
        _import(path, "--agency", personas.dept_a.code)
    assert not PastReport.objects.exists()


def test_report_import_of_json_without_a_year_needs_one(personas, tmp_path):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2024)
    data = json.loads(render(document_of(report), "json"))
    del data["year"]
    path = tmp_path / "no-year.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="没有注明报告年度"):
        _import(path, "--agency", personas.government.code)
    assert "2023 年度报告" in _import(path, "--agency", personas.government.code, "--year", "2023")


def test_a_2008_form_workbook_is_not_taken_for_national_tables(personas, tmp_path):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2017)
    path = tmp_path / "report-2017.xlsx"
    path.write_bytes(render(document_of(report), "xlsx"))
    with pytest.raises(CommandError, match="没有表二、表三、表四"):
        _import(path, "--agency", personas.government.code)
    assert not PastReport.objects.exists()
