"""Letters rendered to DOCX (python-docx) and PDF (WeasyPrint, Noto Sans CJK, A4) from the same frozen text,
and the case file for litigation (letters, events, attachments, the court bundle) as a zip."""

import hashlib
import io
import json
import zipfile
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.cases.domain.delivery import (
    DELIVERY_METHOD_LABELS,
    POSTAL_SERVICE_LABELS,
    TIME_POINT_BASIS,
    TIME_POINT_LABELS,
    DeliveryMethod,
)
from gongkai.cases.domain.letters import cn_date
from gongkai.cases.domain.results import ROW_OF, Result
from gongkai.cases.domain.states import STATE_LABELS, State
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
    for text in (agency.name, cn_date(letter.issued_on)):
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


ACTION_LABELS = {
    "case.registered": "登记申请", "case.receipt_confirmed": "确认收到申请", "case.correction_requested": "告知补正",
    "case.correction_received": "收到补正后的申请", "case.accepted": "受理", "case.assigned": "指定承办人",
    "case.transferred": "转办", "case.consultation_started": "征求意见", "case.consultation_answered": "收到意见或期满",
    "case.extended": "延长答复期限", "case.delay_set": "确定合理延迟答复期限", "case.fee_notice_issued": "发出收费通知",
    "case.fee_paid": "登记缴费", "case.decided": "作出答复决定", "case.delivered": "答复书送达",
    "case.letter_delivered": "文书送达", "case.letter_read": "电子送达文书已阅读", "case.closed": "办结归档",
    "case.withdrawn": "申请人撤回申请", "case.abandoned": "视为放弃申请", "case.appealed": "登记行政复议或行政诉讼",
    "case.deadline_recomputed": "节假日安排变化，重算期限", "case.reminder_sent": "提醒承办人",
    "case.personal_data_read": "查看个人信息", "case.exported": "导出案卷",
}
SHANGHAI = ZoneInfo("Asia/Shanghai")


def local_time(at) -> str:
    """Timestamps for a court: Asia/Shanghai, with the offset written out."""
    return timezone.localtime(at, SHANGHAI).strftime("%Y-%m-%d %H:%M:%S（北京时间）") if at else ""


def _state(code: str) -> str:
    try:
        return STATE_LABELS[State(code)]
    except ValueError:
        return code or ""


def _readable(payload: dict) -> dict:
    """The codes of a payload that a reader would otherwise have to look up, as their labels."""
    out = dict(payload or {})
    if out.get("result") in {r.value for r in Result}:
        out["result"] = ROW_OF[Result(out["result"])].label
    if out.get("method") in {m.value for m in DeliveryMethod}:
        out["method"] = DELIVERY_METHOD_LABELS[DeliveryMethod(out["method"])]
    return out


def event_rows(app: Application) -> list[dict]:
    return [
        {"时间": local_time(e.at), "操作人": e.actor_label, "事项": ACTION_LABELS.get(e.action, e.action),
         "原状态": _state(e.from_state), "新状态": _state(e.to_state), "理由": e.reason, "法律依据": e.legal_basis,
         "详情": _readable(e.payload)}
        for e in events_for(app)
    ]


def original_bytes(letter: Letter) -> tuple[bytes, bool]:
    """The letter as delivered (frozen at delivery), or rendered now from its frozen text if never delivered."""
    if letter.original_sha256 and letter.original_pdf:
        with letter.original_pdf.open("rb") as handle:
            return handle.read(), True
    return letter_pdf(letter), False


def delivery_row(letter: Letter) -> dict:
    delivery = getattr(letter, "delivery", None)
    row = {"文书编号": letter.number, "文书": letter.title, "出具日期": cn_date(letter.issued_on)}
    if delivery is None:
        return row | {"送达方式": "未登记送达"}
    method = DeliveryMethod(delivery.method)
    return row | {
        "送达方式": DELIVERY_METHOD_LABELS[method],
        "期限计算时点": f"{TIME_POINT_LABELS[method]}：{cn_date(delivery.time_point_on)}",
        "依据": TIME_POINT_BASIS[method],
        "签收日期": cn_date(delivery.signed_on), "签收人": delivery.signed_by,
        "受委托送达的机关": delivery.entrusted_organ, "交邮日期": cn_date(delivery.posted_on),
        "邮政企业": POSTAL_SERVICE_LABELS.get(delivery.postal_service, ""), "邮件号码": delivery.waybill_number,
        "发送时间": local_time(delivery.sent_at), "阅读时间": local_time(delivery.read_at),
        "送达地址": delivery.address, "送达内容哈希（SHA-256）": delivery.content_sha256,
        "原件哈希（SHA-256）": letter.original_sha256, "送达凭证": delivery.evidence_name,
        "凭证哈希（SHA-256）": delivery.evidence_sha256, "备注": delivery.note,
        "登记时间": local_time(delivery.created_at),
    }


def _text(rows: list[dict]) -> str:
    blocks = []
    for row in rows:
        blocks.append("\n".join(f"{k}：{v}" for k, v in row.items() if v not in ("", None, {}) and k != "详情"))
    return "\n\n".join(blocks) + "\n"


def case_file_zip(app: Application) -> bytes:
    """Everything a court asks for: each letter (PDF and DOCX), the event log, the attachments, and the court
    bundle (法院证据包): each letter's original bytes with their SHA-256, the delivery evidence and the event log,
    with a manifest of hashes. Times are Asia/Shanghai; states and steps carry their Chinese labels."""
    buffer = io.BytesIO()
    sums: list[str] = []

    def put(name: str, data: bytes | str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        archive.writestr(name, raw)
        if name.startswith("法院证据包/"):
            sums.append(f"{hashlib.sha256(raw).hexdigest()}  {name.removeprefix('法院证据包/')}")

    letters = list(app.letters.select_related("delivery").all())
    events = event_rows(app)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        notes = []
        for letter in letters:
            stem = f"{letter.number}-{letter.get_kind_display()}"
            original, frozen = original_bytes(letter)
            put(f"letters/{stem}.pdf", original)
            put(f"letters/{stem}.docx", letter_docx(letter))
            put(f"法院证据包/文书原件/{stem}.pdf", original)
            notes.append(f"{stem}.pdf：" + (f"送达时固定的原件，SHA-256 {letter.original_sha256}" if frozen
                                            else "未登记送达，按出具时固定的文本生成"))
            delivery = getattr(letter, "delivery", None)
            if delivery is not None and delivery.evidence:
                with delivery.evidence.open("rb") as handle:
                    put(f"法院证据包/送达凭证/{letter.number}-{delivery.evidence_name or 'evidence'}", handle.read())
        deliveries = [delivery_row(letter) for letter in letters]
        put("法院证据包/送达记录.json", json.dumps(deliveries, ensure_ascii=False, indent=2))
        put("法院证据包/送达记录.txt", _text(deliveries))
        put("法院证据包/办理记录.json", json.dumps(events, ensure_ascii=False, indent=2, default=str))
        put("法院证据包/办理记录.txt", _text(events))
        put("法院证据包/说明.txt", f"申请查询码：{app.tracking_code}\n受理机关：{app.agency.name}\n"
            f"导出时间：{local_time(timezone.now())}\n\n" + "\n".join(notes) + "\n")
        archive.writestr("法院证据包/SHA256SUMS.txt", "\n".join(sums) + "\n")
        archive.writestr("events.json", json.dumps(events, ensure_ascii=False, indent=2, default=str))
        lines = [f"{e['时间']}\t{e['操作人']}\t{e['事项']}\t{e['原状态']}→{e['新状态']}\t{e['理由']}" for e in events]
        archive.writestr("events.txt", "\n".join(lines))
        from gongkai.cases.redaction.services import case_file_entries

        for name, data in case_file_entries(app):
            archive.writestr(name, data)
        for attachment in app.attachments.all():
            with attachment.file.open("rb") as handle:
                archive.writestr(f"attachments/{attachment.pk}-{attachment.name}", handle.read())
    return buffer.getvalue()
