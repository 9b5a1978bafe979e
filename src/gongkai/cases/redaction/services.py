"""The writers of redaction records, and the one reader of a released file.

The order is the law's: the officer uploads the file to give in part (DOCX/XLSX converted to PDF), marks what is
withheld and why (《条例》第十四条至第十六条、第三十七条), the redaction is applied and verified at once, and only an
output that passed the verifier (or, for image pages, was then confirmed by a person) can be released. Every
step leaves an event on the case; the record keeps the hashes of what went in and what came out.
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.cases.domain.redaction import (
    GROUND_OF,
    PARTIAL_DISCLOSURE_BASIS,
    Ground,
    MarkKind,
    Verdict,
    parse_regions,
    parse_terms,
)
from gongkai.cases.models import Application, RedactionRecord
from gongkai.cases.models.redaction import RedactionStatus
from gongkai.cases.redaction import convert, pdf
from gongkai.cases.redaction.verify import verify
from gongkai.cases.transitions import require
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.events import record_event

STATUS_OF = {Verdict.PASSED: RedactionStatus.PASSED, Verdict.FAILED: RedactionStatus.FAILED,
             Verdict.NEEDS_CONFIRMATION: RedactionStatus.NEEDS_CONFIRMATION}
EVENT_OF = {
    RedactionStatus.PASSED: ("case.redaction_verified", "遮盖完成，核验通过"),
    RedactionStatus.FAILED: ("case.redaction_failed", "遮盖后核验未通过，文件不得提供"),
    RedactionStatus.NEEDS_CONFIRMATION: ("case.redaction_needs_confirmation", "遮盖完成，图片页待人工确认"),
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _max_pages() -> int:
    return settings.GONGKAI_REDACTION_MAX_PAGES


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def source_bytes(record: RedactionRecord) -> bytes:
    data = _read(record.source)
    if sha256(data) != record.source_sha256:
        raise ValidationFailed(_("待遮盖的文件与记录的 SHA-256 不一致，已被改动：请重新上传。"), code="cases.source_changed")
    return data


def start_redaction(*, actor, app: Application, name: str, data: bytes) -> RedactionRecord:
    """Take the file to be given in part: a PDF as it is, a DOCX/XLSX converted to PDF."""
    require(actor, "case.handle", app)
    limit = settings.GONGKAI_REDACTION_MAX_BYTES
    if not data:
        raise ValidationFailed(_("文件是空的。"), code="cases.file_empty")
    if len(data) > limit:
        raise ValidationFailed(_("文件大小 %(size)s MB，超过上限 %(limit)s MB。"), code="cases.file_too_large", size=format(len(data) / 1048576, '.1f'), limit=format(limit / 1048576, '.0f'))
    kind = convert.office_kind(data)
    source = convert.to_pdf(data, kind) if kind else data
    doc = pdf.open_pdf(source, max_pages=_max_pages())
    pages = doc.page_count
    doc.close()
    name = (name or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]
    with transaction.atomic():
        record = RedactionRecord(application=app, original_name=name, converted_from=kind,
                                 original_sha256=sha256(data), source_sha256=sha256(source), page_count=pages)
        record.source.save(f"source-{sha256(source)[:16]}.pdf", ContentFile(source), save=False)
        record.save()
        converted = f"（由 {kind.upper()} 转换为 PDF）" if kind else ""
        record_event(actor=actor, obj=app, action="case.redaction_started", reason=f"上传待遮盖文件：{name}{converted}",
                     legal_basis=PARTIAL_DISCLOSURE_BASIS,
                     payload={"redaction": record.pk, "input_sha256": record.source_sha256,
                              "original_sha256": record.original_sha256, "pages": pages})
    return record


def suggestions(record: RedactionRecord) -> list[pdf.Suggestion]:
    doc = pdf.open_pdf(source_bytes(record), max_pages=_max_pages())
    try:
        return pdf.personal_suggestions(doc)
    finally:
        doc.close()


def page_sizes(record: RedactionRecord) -> list[tuple[float, float]]:
    doc = pdf.open_pdf(source_bytes(record), max_pages=_max_pages())
    try:
        return pdf.page_sizes(doc)
    finally:
        doc.close()


def _mark_rows(plan: pdf.Plan) -> list[dict]:
    return [{"kind": str(box.kind), "page": box.page, "rect": [round(v, 2) for v in box.rect],
             "ground": str(box.ground), "reason": GROUND_OF[box.ground].label,
             "article": GROUND_OF[box.ground].article, "what": box.what} for box in plan.boxes]


def redact_document(*, actor, record: RedactionRecord, terms: str = "", term_ground: Ground = Ground.THIRD_PARTY,
                    regions: str = "", region_ground: Ground = Ground.THIRD_PARTY,
                    personal: frozenset[str] = frozenset(),
                    personal_ground: Ground = Ground.THIRD_PARTY) -> RedactionRecord:
    """Apply the marks, verify the output, keep both with the verification record."""
    require(actor, "case.handle", record.application)
    if record.released_at:
        raise InvalidTransition(_("该文件已提供给申请人，不能再修改遮盖：请另行上传。"), code="cases.already_released")
    data = source_bytes(record)
    doc = pdf.open_pdf(data, max_pages=_max_pages())
    try:
        region_list, problems = parse_regions(regions, pdf.page_sizes(doc))
        if problems:
            raise ValidationFailed(_("区域有误：%(details)s"), code="cases.bad_area", details="".join(problems))
        term_list = parse_terms(terms)
        ticked = [s for s in pdf.personal_suggestions(doc) if s.key in personal]
        if not (term_list or region_list or ticked):
            raise ValidationFailed(_("请至少标记一处不予公开的内容（检索词、个人信息或页面区域）。"), code="cases.nothing_marked")
        plan = pdf.plan_redaction(doc, terms=[(t, term_ground) for t in term_list],
                                  regions=[(r, region_ground) for r in region_list], personal=ticked,
                                  personal_ground=personal_ground)
    finally:
        doc.close()
    try:
        output = pdf.apply_redaction(data, plan.boxes, max_pages=_max_pages())
    except ValidationFailed:
        raise
    except Exception:   # MuPDF's own errors on a damaged file: nothing is written, the officer is told
        raise ValidationFailed(_("该文件的内容无法遮盖（PDF 结构异常）：请另存为 PDF 后重新上传。"), code="cases.redaction_failed") from None
    result = verify(output, plan, max_pages=_max_pages())
    status = STATUS_OF[result.verdict]
    now = timezone.now()
    with transaction.atomic():
        record = RedactionRecord.objects.select_for_update().select_related("application").get(pk=record.pk)
        if record.released_at:
            raise InvalidTransition(_("该文件已提供给申请人，不能再修改遮盖：请另行上传。"), code="cases.already_released")
        record.marks = _mark_rows(plan)
        superseded = record.output.name
        record.output_sha256 = sha256(output)
        record.output.save(f"redacted-{record.output_sha256[:16]}.pdf", ContentFile(output), save=False)
        if superseded and superseded != record.output.name:
            # A superseded output (a failed one may still hold what was to be withheld) is not kept; its hash
            # stays in the event of the run that made it.
            storage, name = record.output.storage, superseded
            transaction.on_commit(lambda: storage.delete(name))
        record.status = status
        record.redacted_by = actor if getattr(actor, "is_authenticated", False) else None
        record.redacted_at = now
        record.confirmed_by, record.confirmed_at, record.confirmation_note = None, None, ""
        record.verification = {
            **result.as_json(), "input_sha256": record.source_sha256, "output_sha256": record.output_sha256,
            "original_sha256": record.original_sha256, "converted_from": record.converted_from,
            "not_found": plan.not_found, "by": getattr(actor, "username", "") or "系统", "at": now.isoformat(),
            "withheld": [{"kind": str(w.kind), "label": w.label,
                          "allowed": w.allowed} for w in plan.withheld if w.kind != MarkKind.REGION],
        }
        record.save()
        action, reason = EVENT_OF[status]
        articles = sorted({GROUND_OF[b.ground].article for b in plan.boxes})
        record_event(actor=actor, obj=record.application, action=action, reason=f"{reason}：{record.original_name}",
                     legal_basis="；".join([PARTIAL_DISCLOSURE_BASIS, *articles]),
                     payload={"redaction": record.pk, "status": str(status), "boxes": len(plan.boxes),
                              "input_sha256": record.source_sha256, "output_sha256": record.output_sha256,
                              "failed_checks": [c.code for c in result.failures],
                              "unproven_pages": result.unproven_pages})
    return record


@transaction.atomic
def confirm_redaction(*, actor, record: RedactionRecord, note: str) -> RedactionRecord:
    """A person has looked at the image pages the verifier could not prove by their text."""
    require(actor, "case.handle", record.application)
    record = RedactionRecord.objects.select_for_update().select_related("application").get(pk=record.pk)
    if record.status != RedactionStatus.NEEDS_CONFIRMATION:
        raise InvalidTransition(_("只有待人工确认的遮盖结果需要确认。"), code="cases.not_awaiting_confirmation")
    if not (note or "").strip():
        raise ValidationFailed(_("请写明人工核对的情况（核对了哪些页、遮盖区域是否完整）。"), code="cases.check_note_required")
    record.status = RedactionStatus.PASSED
    record.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    record.confirmed_at = timezone.now()
    record.confirmation_note = note.strip()
    record.save()
    record_event(actor=actor, obj=record.application, action="case.redaction_confirmed",
                 reason=f"人工确认图片页遮盖完整：{record.confirmation_note}", legal_basis=PARTIAL_DISCLOSURE_BASIS,
                 payload={"redaction": record.pk, "pages": record.verification.get("unproven_pages", []),
                          "output_sha256": record.output_sha256})
    return record


def verified_output(record: RedactionRecord) -> bytes:
    """The output bytes, only when verified and unchanged since: the one door to a file that may be released."""
    if record.status != RedactionStatus.PASSED or not record.output_sha256:
        message = {
            RedactionStatus.DRAFT: _("尚未遮盖，不能提供。"),
            RedactionStatus.FAILED: _("遮盖后核验未通过，不能提供：请调整遮盖后重新核验。"),
            RedactionStatus.NEEDS_CONFIRMATION: _("图片页尚未人工确认，不能提供。"),
        }.get(record.status, _("尚未核验，不能提供。"))
        raise InvalidTransition(message, code="cases.not_verified")
    data = _read(record.output)
    if sha256(data) != record.output_sha256:
        raise InvalidTransition(_("遮盖后的文件与核验记录的 SHA-256 不一致，不能提供。"), code="cases.output_changed")
    return data


@transaction.atomic
def release_redaction(*, actor, record: RedactionRecord) -> RedactionRecord:
    """Mark the verified output as the file given to the applicant (部分公开)."""
    require(actor, "case.handle", record.application)
    record = RedactionRecord.objects.select_for_update().select_related("application").get(pk=record.pk)
    if record.released_at:
        raise InvalidTransition(_("该文件已提供。"), code="cases.already_released")
    verified_output(record)
    record.released_by = actor if getattr(actor, "is_authenticated", False) else None
    record.released_at = timezone.now()
    record.save()
    record_event(actor=actor, obj=record.application, action="case.redaction_released",
                 reason=f"提供遮盖后的文件：{record.original_name}", legal_basis=PARTIAL_DISCLOSURE_BASIS,
                 payload={"redaction": record.pk, "output_sha256": record.output_sha256})
    return record


def redactions_for(app: Application):
    return RedactionRecord.objects.filter(application=app).select_related("redacted_by", "confirmed_by",
                                                                           "released_by")


def released_files(app: Application) -> list[tuple[RedactionRecord, bytes]]:
    """The files released to the applicant, each re-checked against its record."""
    return [(r, verified_output(r)) for r in redactions_for(app).filter(released_at__isnull=False)]


def case_file_entries(app: Application) -> list[tuple[str, bytes]]:
    """For the case file: each verification record, and each verified output."""
    import json

    entries = []
    for record in redactions_for(app):
        stem = f"redactions/{record.pk}"
        summary = {
            "file": record.original_name, "converted_from": record.converted_from, "status": record.status,
            "original_sha256": record.original_sha256, "input_sha256": record.source_sha256,
            "output_sha256": record.output_sha256, "marks": record.marks, "verification": record.verification,
            "redacted_by": record.redacted_by.get_username() if record.redacted_by else "",
            "confirmed_by": record.confirmed_by.get_username() if record.confirmed_by else "",
            "confirmation_note": record.confirmation_note,
            "released_by": record.released_by.get_username() if record.released_by else "",
            "released_at": record.released_at.isoformat() if record.released_at else "",
        }
        entries.append((f"{stem}-verification.json", json.dumps(summary, ensure_ascii=False, indent=2).encode()))
        if record.status == RedactionStatus.PASSED:
            entries.append((f"{stem}-redacted.pdf", verified_output(record)))
    return entries


def access_redaction(user, pk: int, action: str = "case.view_personal_data") -> RedactionRecord:
    """The one door to a record: its source and previews show personal data, so reading needs the case roles
    that may see it."""
    from gongkai.agencies.policy import can
    from gongkai.core.errors import NotAllowed

    record = RedactionRecord.objects.select_related("application__agency").filter(pk=pk).first()
    if record is None:
        raise RedactionRecord.DoesNotExist("没有该遮盖记录")
    if not can(user, action, record.application):
        raise NotAllowed(_("您无权查看该遮盖记录"))
    return record
