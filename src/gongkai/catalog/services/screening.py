"""Screening before publication: findings are kept per item; an open finding blocks publication until the
text is fixed or a reviewer overrides it with a recorded reason (条例 art. 17 review)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.attachment_metadata import document_properties
from gongkai.catalog.domain.screening import html_attribute_texts, screen
from gongkai.catalog.models import Item, NegativeListEntry, ScreeningFinding, SensitiveWord
from gongkai.catalog.models.screening import FindingStatus
from gongkai.catalog.services.common import require
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.events import record_event


def _properties(attachment) -> str:
    try:
        with attachment.file.open("rb") as stream:
            return document_properties(stream, attachment.kind)
    except OSError:
        return ""


def public_texts(item: Item) -> dict[str, str]:
    """Every text of an item the public will see, by the name a reviewer knows it by: the metadata, the body's
    text and its attributes (image descriptions, link titles and contact links), each attachment's name, text
    and document properties."""
    fields = {"名称": item.title, "内容概述": item.summary, "文号": item.doc_number, "关键词": item.keywords,
              "正文": item.body_text, **html_attribute_texts(item.body)}
    for attachment in item.attachments.all():
        name = attachment.original_name
        fields[f"附件名称：{name}"[:120]] = name
        fields[f"附件：{name}"[:120]] = attachment.text
        fields[f"附件属性：{name}"[:120]] = _properties(attachment)
    return fields


def _span(finding) -> tuple[int | None, int | None]:
    return (finding.start, finding.end) if finding.start >= 0 else (None, None)


def screening_lists(agency_id: int) -> tuple[list[str], list[tuple[str, str]]]:
    """The agency's 负面清单 and the 错敏词 that apply to it (its own and the platform's)."""
    negative = list(NegativeListEntry.objects.filter(agency=agency_id).values_list("term", flat=True))
    words = list(
        SensitiveWord.objects.filter(Q(agency__isnull=True) | Q(agency=agency_id)).values_list("word", "replacement")
    )
    return negative, words


def screen_item(*, item: Item) -> list[ScreeningFinding]:
    """Re-run the screening and return the open findings. Findings no longer present become resolved;
    overridden findings stay overridden while the text still contains them."""
    negative, words = screening_lists(item.agency_id)
    found = {f.fingerprint: f for f in screen(public_texts(item), negative_list=negative, sensitive_words=words)}
    existing = {f"{f.kind}|{f.field}|{f.match}": f for f in ScreeningFinding.objects.filter(item=item)}
    for key, row in existing.items():
        if key not in found and row.status != FindingStatus.RESOLVED:
            row.status = FindingStatus.RESOLVED
            row.save(update_fields=["status"])
        elif key in found:
            span = _span(found[key])
            changed = ["status"] if row.status == FindingStatus.RESOLVED else []
            row.status = FindingStatus.OPEN if changed else row.status
            if (row.start, row.end) != span:
                row.start, row.end = span
                changed += ["start", "end"]
            if changed:
                row.save(update_fields=changed)
    new = [
        ScreeningFinding(item=item, kind=f.kind, field=f.field, match=f.match[:120], suggestion=f.suggestion,
                         start=_span(f)[0], end=_span(f)[1])
        for key, f in found.items()
        if key not in existing
    ]
    ScreeningFinding.objects.bulk_create(new)
    return list(ScreeningFinding.objects.filter(item=item, status=FindingStatus.OPEN))


@transaction.atomic
def override_finding(*, actor, finding: ScreeningFinding, reason: str) -> ScreeningFinding:
    """A reviewer confirms that a finding may be published as it is, saying why."""
    finding = ScreeningFinding.objects.select_for_update().select_related("item__agency").get(pk=finding.pk)
    require(actor, "item.override_screening", finding.item)
    if finding.status != FindingStatus.OPEN:
        raise InvalidTransition(_("该审查发现已处理"), code="catalog.finding_resolved")
    if not reason.strip():
        raise ValidationFailed(_("请填写确认可以发布的理由"), code="catalog.reason_required")
    finding.status = FindingStatus.OVERRIDDEN
    finding.override_reason = reason.strip()
    finding.overridden_by = actor if getattr(actor, "is_authenticated", False) else None
    finding.overridden_at = timezone.now()
    finding.save()
    record_event(actor=actor, obj=finding.item, action="item.screening_overridden", reason=finding.override_reason,
                 legal_basis="《政府信息公开条例》第十七条",
                 payload={"finding": finding.pk, "kind": finding.kind, "field": finding.field, "match": finding.match})
    return finding
