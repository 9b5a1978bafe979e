"""政务文件汇编 as documents: cover, table of contents and the documents, rendered from one data object as PDF
(WeasyPrint with the Noto CJK font) and DOCX (python-docx)."""

import io
from dataclasses import dataclass

from django.template.loader import render_to_string

from gongkai.catalog.models import Compilation


@dataclass(frozen=True)
class Entry:
    number: int
    title: str
    doc_number: str
    agency: str
    written_on: str
    index_number: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class CompilationData:
    title: str
    edition_label: str
    agency: str
    issued_on: str
    entries: tuple[Entry, ...]


def compilation_data(compilation: Compilation) -> CompilationData:
    entries = []
    for entry in compilation.entries.select_related("item__agency").order_by("position"):
        item = entry.item
        paragraphs = tuple(p.strip() for p in item.body_text.split("\n") if p.strip()) or (item.summary,)
        entries.append(Entry(entry.position, item.title, item.doc_number, item.agency.name,
                             f"{item.written_on:%Y年%-m月%-d日}" if item.written_on else "", item.index_number,
                             paragraphs))
    return CompilationData(
        title=compilation.title, edition_label=f"{compilation.year}年第{compilation.edition}期",
        agency=compilation.agency.name, issued_on=f"{compilation.issued_on:%Y年%-m月%-d日}", entries=tuple(entries),
    )


def render_pdf(data: CompilationData) -> bytes:
    from weasyprint import HTML

    html = render_to_string("catalog/compilation.html", {"c": data})
    return HTML(string=html).write_pdf()


def render_docx(data: CompilationData) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    style.font.size = Pt(12)
    for text, size in ((data.title, 26), (data.edition_label, 18), (data.agency, 14), (data.issued_on, 14)):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold = size > 14
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("目　录", level=1)
    for entry in data.entries:
        document.add_paragraph(f"{entry.number}．{entry.title}" + (f"（{entry.doc_number}）" if entry.doc_number else ""))
    for entry in data.entries:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(entry.title, level=2)
        meta = "　".join(x for x in (entry.doc_number, entry.agency, entry.written_on, f"索引号：{entry.index_number}") if x)
        document.add_paragraph(meta)
        for paragraph in entry.paragraphs:
            document.add_paragraph(paragraph)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
