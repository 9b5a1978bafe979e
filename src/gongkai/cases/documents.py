"""Letters rendered to DOCX (python-docx) and PDF (WeasyPrint, Noto Sans CJK, A4) from the same frozen text,
and the case file for litigation (letters, events, attachments) as a zip."""

import io
import json
import zipfile

from django.template.loader import render_to_string

from gongkai.cases.models import Application, Letter
from gongkai.core.events import events_for

FONT = "Noto Sans CJK SC"


def _paragraphs(letter: Letter) -> list[str]:
    return [p for p in letter.body.split("\n")]


def letter_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(26)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    agency = letter.application.agency
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(agency.name)
    run.bold, run.font.size = True, Pt(18)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(letter.title)
    run.bold, run.font.size = True, Pt(16)
    number = doc.add_paragraph(letter.number)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in _paragraphs(letter):
        doc.add_paragraph(text)
    for text in (agency.name, letter.issued_on.strftime("%Y年%m月%d日")):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def letter_html(letter: Letter) -> str:
    return render_to_string("cases/letter_pdf.html", {
        "letter": letter, "agency": letter.application.agency, "paragraphs": _paragraphs(letter), "font": FONT,
    })


def letter_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(letter)).write_pdf()


def case_file_zip(app: Application) -> bytes:
    """Everything a court asks for: each letter (PDF and DOCX), the event log, the attachments."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in app.letters.all():
            stem = f"letters/{letter.number}-{letter.get_kind_display()}"
            archive.writestr(f"{stem}.pdf", letter_pdf(letter))
            archive.writestr(f"{stem}.docx", letter_docx(letter))
        events = [
            {"at": e.at.isoformat(), "actor": e.actor_label, "action": e.action, "from": e.from_state,
             "to": e.to_state, "reason": e.reason, "legal_basis": e.legal_basis, "payload": e.payload}
            for e in events_for(app)
        ]
        archive.writestr("events.json", json.dumps(events, ensure_ascii=False, indent=2))
        lines = [f"{e['at']}\t{e['actor']}\t{e['action']}\t{e['from']}→{e['to']}\t{e['reason']}" for e in events]
        archive.writestr("events.txt", "\n".join(lines))
        from gongkai.cases.redaction.services import case_file_entries

        for name, data in case_file_entries(app):
            archive.writestr(name, data)
        for attachment in app.attachments.all():
            with attachment.file.open("rb") as handle:
                archive.writestr(f"attachments/{attachment.pk}-{attachment.name}", handle.read())
    return buffer.getvalue()
