"""Writers of letter deliveries (国办公开办函〔2016〕235号) and of the templates the disclosure office edits."""

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases import documents
from gongkai.cases.domain import delivery as rules
from gongkai.cases.domain import letters as wording
from gongkai.cases.models import Delivery, Letter, LetterTemplate
from gongkai.cases.models.choices import LETTER_KIND_CHOICES, RESULT_CHOICES
from gongkai.cases.transitions import check_step, locked, move, require
from gongkai.core.actors import is_public
from gongkai.core.errors import Sentences, ValidationFailed
from gongkai.core.events import record_event
from gongkai.core.time import local_today
from gongkai.core.uploads import public_type, read_head

LETTER_KINDS = {code for code, _ in LETTER_KIND_CHOICES}
RESULT_CODES = {code for code, _ in RESULT_CHOICES}


def freeze_original(letter: Letter) -> str:
    """Render the letter's PDF once and keep the bytes: what was delivered stays what a court is given."""
    if not letter.original_sha256:
        data = documents.letter_pdf(letter)
        letter.original_sha256 = hashlib.sha256(data).hexdigest()
        letter.original_pdf.save(f"{letter.number}.pdf", ContentFile(data), save=False)
        letter.save(update_fields=["original_pdf", "original_sha256", "updated_at"])
    return letter.original_sha256


def _evidence(upload) -> tuple[str, str]:
    if upload is None:
        return "", ""
    head = read_head(upload)
    if public_type(head) is None:
        raise ValidationFailed(_("送达凭证只接受 PDF、JPEG 或 PNG 文件（如送达回证、邮寄凭证的扫描件）。"), code="cases.proof_file_type")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return upload.name[:200], digest.hexdigest()


@transaction.atomic
def record_delivery(*, actor, letter: Letter, method: str, signed_on: dt.date | None = None, signed_by: str = "",
                    entrusted_organ: str = "", posted_on: dt.date | None = None, postal_service: str = "",
                    waybill_number: str = "", sent_at: dt.datetime | None = None, read_at: dt.datetime | None = None,
                    address: str = "", evidence=None, note: str = "") -> Delivery:
    """Record how a letter reached the applicant; the 答复书's delivery is the ``deliver`` step of the case,
    and its timeliness is judged at the legal time point (235号第四条), not at the decision date."""
    app = locked(letter.application)
    require(actor, "case.handle", app)
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if Delivery.objects.filter(letter=letter).exists():
        raise ValidationFailed(_("该文书已登记送达，不能重复登记。"), code="cases.already_delivered")
    is_decision = letter.kind == "decision"
    if is_decision:
        check_step(app, "deliver")
    if (sent_at and timezone.is_naive(sent_at)) or (read_at and timezone.is_naive(read_at)):
        raise ValidationFailed(_("发送时间和阅读时间须带时区。"), code="cases.naive_time")
    facts = rules.DeliveryFacts(
        method=method, issued_on=letter.issued_on, today=local_today(), applicant_delivery=app.delivery,
        signed_on=signed_on, signed_by=signed_by, entrusted_organ=entrusted_organ, posted_on=posted_on,
        postal_service=postal_service, waybill_number=waybill_number,
        sent_on=timezone.localtime(sent_at).date() if sent_at else None,
        read_on=timezone.localtime(read_at).date() if read_at else None,
    )
    found = rules.problems(facts)
    if found:
        raise ValidationFailed(_("送达记录有误：%(problems)s"), code="cases.invalid_delivery", problems=Sentences(found))
    evidence_name, evidence_sha256 = _evidence(evidence)
    method = rules.DeliveryMethod(method)
    point = rules.time_point(facts)
    content = freeze_original(letter)
    electronic = method == rules.DeliveryMethod.ELECTRONIC
    delivery = Delivery(
        letter=letter, method=method, time_point_on=point, signed_on=None if electronic else signed_on,
        signed_by=signed_by.strip(), entrusted_organ=entrusted_organ.strip(),
        posted_on=posted_on if method == rules.DeliveryMethod.POST else None,
        postal_service=postal_service if method == rules.DeliveryMethod.POST else "",
        waybill_number=rules.normalise_waybill(waybill_number) if method == rules.DeliveryMethod.POST else "",
        sent_at=sent_at if electronic else None, read_at=read_at if electronic else None,
        address=(address.strip() or (app.email if app.delivery == "email" else "")) if electronic else address.strip(),
        content_sha256=content if electronic else "", evidence_name=evidence_name, evidence_sha256=evidence_sha256,
        note=note.strip(), recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if evidence is not None:
        delivery.evidence.save(evidence_name or "evidence", evidence, save=False)
    delivery.save()
    label = rules.DELIVERY_METHOD_LABELS[method]
    letter.delivered_on, letter.delivery_method = point, label
    letter.save(update_fields=["delivered_on", "delivery_method", "updated_at"])
    late = rules.is_late(point, app.reply_due_on) if is_decision else None
    payload = {"letter": letter.number, "kind": letter.kind, "method": method.value, "method_label": label,
               "time_point": point, "time_point_label": rules.TIME_POINT_LABELS[method],
               "original_sha256": content, "waybill": delivery.waybill_number, "evidence_sha256": evidence_sha256}
    if is_decision:
        app.delivered_on, app.delivery_method = point, label
        move(app, "deliver", actor=actor, event_action="case.delivered", extra_fields=["delivered_on", "delivery_method"],
             payload={**payload, "delivered_on": point, "reply_due_on": app.reply_due_on, "late": late})
    else:
        record_event(actor=actor, obj=app, action="case.letter_delivered", legal_basis=rules.TIME_POINT_BASIS[method],
                     reason=f"{letter.title}：{label}，{rules.TIME_POINT_LABELS[method]}{point.isoformat()}",
                     payload=payload)
    return delivery


@transaction.atomic
def record_delivery_read(*, actor, letter: Letter, read_at: dt.datetime) -> Delivery:
    """An electronically delivered letter was opened (by the applicant's page or the mail system's receipt)."""
    delivery = Delivery.objects.select_for_update().select_related("letter__application").filter(letter=letter).first()
    if not is_public(actor):    # the applicant's own page records the reading as the public
        require(actor, "case.handle", letter.application)
    if delivery is None or delivery.method != rules.DeliveryMethod.ELECTRONIC:
        raise ValidationFailed(_("只有电子送达的文书可以登记阅读时间。"), code="cases.not_electronic")
    if timezone.is_naive(read_at) or read_at < delivery.sent_at:
        raise ValidationFailed(_("阅读时间须带时区，且不能早于发送时间。"), code="cases.read_before_sent")
    if delivery.read_at is not None:
        return delivery   # the first reading is the one that counts
    delivery.read_at = read_at
    delivery.save(update_fields=["read_at", "updated_at"])
    record_event(actor=actor, obj=letter.application, action="case.letter_read",
                 reason=f"{letter.title}已阅读", payload={"letter": letter.number, "read_at": read_at})
    return delivery


@transaction.atomic
def save_letter_template(*, actor, agency: Agency, kind: str, title: str, body: str, result: str = "") -> LetterTemplate:
    require(actor, "case.configure", agency)
    if kind not in LETTER_KINDS:
        raise ValidationFailed(_("未知的文书类型。"), code="cases.unknown_letter_kind")
    if result and (kind != "decision" or result not in RESULT_CODES):
        raise ValidationFailed(_("只有答复书可以按办理结果设置模板。"), code="cases.template_result_for_reply")
    if not title.strip() or not body.strip():
        raise ValidationFailed(_("标题和正文不能为空。"), code="cases.text_required")
    unknown = wording.unknown_placeholders(title + body)
    if unknown:
        raise ValidationFailed(_("模板中有未知的占位符：%(placeholders)s"), code="cases.unknown_placeholder", placeholders=["{" + n + "}" for n in unknown])
    template, created = LetterTemplate.objects.update_or_create(
        agency=agency, kind=kind, result=result, defaults={"title": title.strip(), "body": body},
    )
    record_event(actor=actor, obj=agency, action="case.letter_template_saved",
                 payload={"kind": kind, "result": result, "created": created}, after={"title": template.title})
    return template
