"""One entry point for every output format of a report."""

import json

from gongkai.reports.domain.interchange import to_interchange
from gongkai.reports.domain.snapshot import tables_of
from gongkai.reports.renderers.document import Document

BINARY = {"pdf", "docx", "xlsx"}
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text": "text/plain; charset=utf-8",
}


def interchange_json(document: Document) -> str:
    data = to_interchange(tables_of(document.snapshot), year=document.year, agency=document.agency)
    data["form_label"] = document.form_label
    data["version"] = document.version
    if document.form.value == "legacy":
        data["note"] = "2008年格式报告没有国家统一表格；此处为按2021年格式口径统计的附表"
    data["narrative"] = {s.key: "\n".join(s.paragraphs) for s in document.sections if s.grid is None}
    return json.dumps(data, ensure_ascii=False, indent=1)


def render(document: Document, fmt: str) -> str | bytes:
    if fmt == "json":
        return interchange_json(document)
    if fmt == "html":
        from gongkai.reports.renderers.html import render_html

        return render_html(document)
    if fmt == "pdf":
        from gongkai.reports.renderers.pdf import render_pdf

        return render_pdf(document)
    if fmt == "docx":
        from gongkai.reports.renderers.docx import render_docx

        return render_docx(document)
    if fmt == "xlsx":
        from gongkai.reports.renderers.xlsx import render_xlsx

        return render_xlsx(document)
    from gongkai.reports.renderers.text import render_text

    return render_text(document)
