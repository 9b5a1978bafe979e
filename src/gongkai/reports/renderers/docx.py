"""DOCX through python-docx: real Word tables (merged header cells as in the official format), editable in
Word and WPS; East Asian text set in a CJK font."""

import io

from docx import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from gongkai.reports.domain.grid import Grid, placed
from gongkai.reports.renderers.document import Document

FONT = "宋体"
HEADING_FONT = "黑体"


def _font(run, name: str = FONT, size: float = 12, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)
    keep = OxmlElement("w:cantSplit")
    props.append(keep)


def _table(doc, grid: Grid, *, size: float) -> None:
    cells = list(placed(grid))
    table = doc.add_table(rows=len(grid.rows), cols=grid.width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, c, cell in cells:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        paragraph = target.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if (cell.number or cell.head) else WD_ALIGN_PARAGRAPH.LEFT
        _font(paragraph.add_run(cell.text), size=size, bold=cell.head)
    for index, row in enumerate(table.rows):
        if index < grid.header_rows:
            _repeat_header(row)
        else:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def render_docx(document: Document) -> bytes:
    doc = Docx()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(document.title), HEADING_FONT, 16, bold=True)
    if document.correction_note:
        note = doc.add_paragraph()
        _font(note.add_run(f"更正说明（第{document.version}版）：{document.correction_note}"), size=11)
    for text in document.preamble:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(24)
        _font(paragraph.add_run(text))
    for part in document.sections:
        heading = doc.add_paragraph()
        _font(heading.add_run(part.title), HEADING_FONT, 14, bold=True)
        for text in part.paragraphs:
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(24)
            _font(paragraph.add_run(text))
        if part.grid is not None:
            _table(doc, part.grid, size=8 if part.grid.key == "table4" else 9)
    if document.published_on:
        for text in (document.agency, document.published_on):
            line = doc.add_paragraph()
            line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(line.add_run(text))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
