"""PDF through WeasyPrint with Noto Sans CJK: A4, table rows never split across pages, page numbers."""

from gongkai.reports.renderers.document import Document
from gongkai.reports.renderers.html import render_html


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(document, standalone=True)).write_pdf()
