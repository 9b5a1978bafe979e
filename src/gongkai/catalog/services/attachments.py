"""Attachments: checked by content, size-limited, stored through Django's storage API, text extracted."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.states import EDITABLE
from gongkai.catalog.extraction import ALLOWED_KINDS, extract, sniff
from gongkai.catalog.models import Attachment, Item
from gongkai.catalog.services.common import require
from gongkai.catalog.services.screening import screen_item
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.events import record_event


def max_attachment_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


@transaction.atomic
def add_attachment(*, actor, item: Item, name: str, data: bytes) -> Attachment:
    item = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
    require(actor, "item.edit", item)
    if item.status not in EDITABLE:
        raise InvalidTransition(_("只有草稿可以添加附件"), code="catalog.not_draft")
    limit = max_attachment_bytes()
    if len(data) == 0:
        raise ValidationFailed(_("附件是空文件"), code="catalog.attachment_empty")
    if len(data) > limit:
        raise ValidationFailed(_("附件过大：不能超过 %(limit)s MB"), code="catalog.attachment_too_large", limit=limit // (1024 * 1024))
    kind = sniff(data, name)
    if kind not in ALLOWED_KINDS:
        raise ValidationFailed(_("附件类型不受支持（按文件内容判断）：只接受 PDF、DOC/DOCX、XLS/XLSX、OFD、JPG、PNG"), code="catalog.attachment_type")
    safe_name = (name.replace("\\", "/").rsplit("/", 1)[-1] or f"附件.{kind}")[:200]
    extraction = extract(data, kind)
    attachment = Attachment(item=item, original_name=safe_name, kind=kind, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), text=extraction.text)
    # Not stored on the row: the upload page shows it at once and the event keeps it.
    attachment.extraction_problem = extraction.problem
    attachment.file.save(f"{attachment.sha256[:16]}.{kind}", ContentFile(data), save=False)
    attachment.save()
    screen_item(item=item)
    record_event(actor=actor, obj=item, action="item.attachment_added",
                 payload={"attachment": attachment.pk, "name": safe_name, "kind": kind, "size": len(data),
                          **({"extraction_problem": extraction.problem} if extraction.problem else {})})
    return attachment


@transaction.atomic
def remove_attachment(*, actor, attachment: Attachment) -> None:
    item = Item.objects.select_for_update().select_related("agency").get(pk=attachment.item_id)
    require(actor, "item.edit", item)
    if item.status not in EDITABLE:
        raise InvalidTransition(_("只有草稿可以删除附件"), code="catalog.not_draft")
    record_event(actor=actor, obj=item, action="item.attachment_removed",
                 payload={"attachment": attachment.pk, "name": attachment.original_name})
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))
    screen_item(item=item)
