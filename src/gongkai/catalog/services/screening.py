"""Screening before publication: findings are kept per item; an open finding blocks publication until the
text is fixed or a reviewer overrides it with a recorded reason (条例 art. 17 review)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.catalog.domain.screening import screen
from gongkai.catalog.models import Item, NegativeListEntry, ScreeningFinding, SensitiveWord
from gongkai.catalog.models.screening import FindingStatus
from gongkai.catalog.services.common import require
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.events import record_event


def _texts(item: Item) -> dict[str, str]:
    fields = {"名称": item.title, "内容概述": item.summary, "正文": item.body_text}
    for attachment in item.attachments.all():
        fields[f"附件：{attachment.original_name}"[:120]] = attachment.text
    return fields


def screen_item(*, item: Item) -> list[ScreeningFinding]:
    """Re-run the screening and return the open findings. Findings no longer present become resolved;
    overridden findings stay overridden while the text still contains them."""
    negative = list(NegativeListEntry.objects.filter(agency=item.agency_id).values_list("term", flat=True))
    words = list(
        SensitiveWord.objects.filter(Q(agency__isnull=True) | Q(agency=item.agency_id)).values_list(
            "word", "replacement"
        )
    )
    found = {f.fingerprint: f for f in screen(_texts(item), negative_list=negative, sensitive_words=words)}
    existing = {f"{f.kind}|{f.field}|{f.match}": f for f in ScreeningFinding.objects.filter(item=item)}
    for key, row in existing.items():
        if key not in found and row.status != FindingStatus.RESOLVED:
            row.status = FindingStatus.RESOLVED
            row.save(update_fields=["status"])
        elif key in found and row.status == FindingStatus.RESOLVED:
            row.status = FindingStatus.OPEN
            row.save(update_fields=["status"])
    new = [
        ScreeningFinding(item=item, kind=f.kind, field=f.field, match=f.match[:120], suggestion=f.suggestion)
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
        raise InvalidTransition("该审查发现已处理")
    if not reason.strip():
        raise ValidationFailed("请填写确认可以发布的理由")
    finding.status = FindingStatus.OVERRIDDEN
    finding.override_reason = reason.strip()
    finding.overridden_by = actor if getattr(actor, "is_authenticated", False) else None
    finding.overridden_at = timezone.now()
    finding.save()
    record_event(actor=actor, obj=finding.item, action="item.screening_overridden", reason=finding.override_reason,
                 legal_basis="《政府信息公开条例》第十七条",
                 payload={"finding": finding.pk, "kind": finding.kind, "field": finding.field, "match": finding.match})
    return finding
