"""HTML of a report: the same template serves the portal page, the staff page (with drill-down links) and
the PDF (print CSS)."""

from django.template.loader import render_to_string

from gongkai.reports.renderers.document import Document


def render_html(document: Document, *, standalone: bool = True, staff: bool = False) -> str:
    return render_to_string("reports/document.html",
                            {"doc": document, "standalone": standalone, "staff": staff})
