"""The 政府网站工作年度报表 printed as PDF (WeasyPrint, with the CJK font) and XLSX (openpyxl), from the same
rows as the HTML page."""

import io

from django.template.loader import render_to_string

from gongkai.core.spreadsheets import append_row

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render_pdf(report) -> bytes:
    from weasyprint import HTML

    html = render_to_string("sites/yearly_report_document.html", {"report": report, "notes": True})
    return HTML(string=html).write_pdf()


def render_xlsx(report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"{report.year}年度"
    sheet.append([f"政府网站工作年度报表（{report.year}年度）"])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, ["栏目", "指标", "数值", "单位", "说明"])
    for row in report.rows:
        value = row.value
        if row.unit == "是/否" and value is not None:
            value = "是" if value else "否"
        elif value is None:
            value = ""
        elif not isinstance(value, (int, float, str)):
            value = str(value)
        append_row(sheet, [row.section, row.label, value, "" if row.unit == "是/否" else row.unit, row.note])
    for column, width in zip("ABCDE", (12, 34, 36, 8, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
