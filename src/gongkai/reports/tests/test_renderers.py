"""Every renderer draws the same snapshot: exact labels in DOCX tables, one XLSX sheet per table, an A4 PDF
with page numbers, interchange JSON that checks clean."""

import datetime as dt
import io
import json

import pytest

from gongkai.cases.domain.applicants import ApplicantType
from gongkai.cases.domain.facts import ApplicationFact
from gongkai.cases.domain.results import RESULT_ROWS, Result
from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.interchange import parse_interchange
from gongkai.reports.domain.layout import T3_CORNER_NOTE
from gongkai.reports.domain.reconcile import check_report
from gongkai.reports.domain.snapshot import ReportInputs, build_snapshot
from gongkai.reports.renderers.document import build_document
from gongkai.reports.renderers.export import render

FACTS = [
    ApplicationFact(1, "A", 1, ApplicantType.NATURAL_PERSON, dt.date(2024, 1, 3), dt.date(2024, 1, 20), Result.DISCLOSED),
    ApplicationFact(2, "B", 1, ApplicantType.COMMERCIAL, dt.date(2023, 12, 28), dt.date(2024, 1, 9),
                    Result.WITHHELD_SECURITY),
    ApplicationFact(3, "C", 1, ApplicantType.LEGAL_SERVICES, dt.date(2024, 12, 29), None, None),
]


@pytest.fixture(scope="module")
def document():
    snapshot = build_snapshot(ReportInputs(
        year=2024, form=ReportForm.F2021, agency={"id": 1, "code": "t", "name": "测试区人民政府"},
        scope=[{"id": 1, "code": "t", "name": "测试区人民政府"}], applications=FACTS))
    narrative = {"overview": "概述第一段。\n概述第二段。", "problems": "问题。", "other": "其他。"}
    return build_document(snapshot=snapshot, narrative=narrative, agency_name="测试区人民政府")


def test_docx_has_real_tables_with_the_exact_labels(document):
    from docx import Document

    doc = Document(io.BytesIO(render(document, "docx")))
    assert len(doc.tables) == 3
    table3 = doc.tables[1]
    texts = {cell.text for row in table3.rows for cell in row.cells}
    assert {row.label for row in RESULT_ROWS} <= texts
    assert {T3_CORNER_NOTE, "一、本年新收政府信息公开申请数量", "四、结转下年度继续办理", "（七）总计",
            "3.危及“三安全一稳定”", "法人或其他组织"} <= texts
    assert [c.text for c in table3.rows[3].cells[3:]] == ["1", "0", "0", "0", "1", "0", "2"]
    table4 = doc.tables[2]
    assert [c.text for c in table4.rows[0].cells][:1] == ["行政复议"]
    assert "复议后起诉" in {c.text for c in table4.rows[1].cells}


def test_xlsx_has_a_sheet_per_table_with_numbers(document):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render(document, "xlsx")))
    assert book.sheetnames == ["说明", "表二", "表三", "表四"]
    sheet = book["表三"]
    rows = {sheet.cell(r, 1).value: [sheet.cell(r, c).value for c in range(4, 11)] for r in range(1, 40)}
    assert rows["一、本年新收政府信息公开申请数量"] == [1, 0, 0, 0, 1, 0, 2]
    assert rows["二、上年结转政府信息公开申请数量"] == [0, 1, 0, 0, 0, 0, 1]


def test_pdf_is_a4_with_page_numbers_and_labels(document):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render(document, "pdf")))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "第 1 页 共" in text
    assert "三、收到和处理政府信息公开申请情况" in text


def test_interchange_json_checks_clean(document):
    data = json.loads(render(document, "json"))
    parsed = parse_interchange(data)
    assert parsed.tables["form"] == "2021"
    errors = [f for f in parsed.findings + check_report(parsed.tables) if f.level == "error"]
    assert errors == []
    assert data["table3"]["三、本年度办理结果"]["（三）不予公开"]["3.危及“三安全一稳定”"]["商业企业"] == 1
