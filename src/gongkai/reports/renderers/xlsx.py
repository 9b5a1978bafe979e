"""XLSX through openpyxl: one sheet per table (表二, 表三, 表四) in the official layout, numbers as numbers,
and a sheet with the report's particulars."""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from gongkai.core.spreadsheets import append_row, keep_text
from gongkai.reports.domain.grid import placed
from gongkai.reports.renderers.document import Document

SHEETS = {"table2": "表二", "table3": "表三", "table4": "表四"}
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _number(text: str):
    if text == "":
        return None
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def render_xlsx(document: Document) -> bytes:
    book = Workbook()
    info = book.active
    info.title = "说明"
    append_row(info, ["标题", document.title])
    append_row(info, ["机构", document.agency])
    append_row(info, ["机构代码", document.snapshot.get("agency", {}).get("code", "")])
    append_row(info, ["年度", document.year])
    append_row(info, ["格式", document.form_label])
    append_row(info, ["版本", document.version])
    if document.correction_note:
        append_row(info, ["更正说明", document.correction_note])
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 12, 60
    for part in document.sections:
        if part.grid is None:
            continue
        sheet = book.create_sheet(SHEETS[part.grid.key])
        append_row(sheet, [part.title])
        sheet.cell(1, 1).font = Font(bold=True)
        offset = 2
        for r, c, cell in placed(part.grid):
            row, column = r + offset, c + 1
            target = sheet.cell(row, column)
            target.value = _number(cell.text) if cell.number else cell.text
            keep_text(target)
            target.alignment = Alignment(wrap_text=True, vertical="center",
                                         horizontal="center" if cell.number or cell.head else "left")
            target.font = Font(bold=cell.head)
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(start_row=row, start_column=column, end_row=row + cell.rowspan - 1,
                                  end_column=column + cell.colspan - 1)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    sheet.cell(row + dr, column + dc).border = BOX
        widths = {"table3": [10, 14, 34] + [9] * 7, "table2": [22, 18, 18, 18], "table4": [9] * 15}
        for index, width in enumerate(widths[part.grid.key], start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    if document.form.value == "legacy":
        _figures_sheet(book, document)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FIGURE_PARTS = {"overview": "一", "proactive": "二", "requests": "三", "fees": "四", "appeals": "五"}


def _figures_sheet(book, document: Document) -> None:
    """A 2008-form report has no national tables: its figures, one a row, counted from records."""
    sheet = book.create_sheet("数字")
    sheet.append(["部分", "项目", "数值", "单位"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for figure in document.figures:
        if figure["value"] is None or figure["part"] not in FIGURE_PARTS:
            continue
        append_row(sheet, [FIGURE_PARTS[figure["part"]], figure["label"], _number(figure["text"].replace(",", "")),
                           figure["unit"]])
    for letter, width in zip("ABCD", (6, 40, 14, 8), strict=True):
        sheet.column_dimensions[letter].width = width
