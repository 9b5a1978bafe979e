"""Normative documents (规章, 行政规范性文件): validity, abolition, and the 解读 rule (spec §6.2)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.disclosure import VALIDITY_LABELS, Validity
from gongkai.catalog.domain.states import Status
from gongkai.catalog.models import Item
from gongkai.catalog.services.common import require
from gongkai.catalog.signals import item_changed
from gongkai.core.errors import ValidationFailed
from gongkai.core.events import record_event


def _changed(item: Item) -> None:
    if item.status == Status.PUBLISHED:
        transaction.on_commit(lambda: item_changed.send(sender=Item, item=item))


@transaction.atomic
def set_validity(*, actor, item: Item, validity: str, on: dt.date | None, reason: str = "") -> Item:
    """有效 / 失效 / 废止 with the date it took effect."""
    item = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
    require(actor, "item.set_validity", item)
    if validity not in {v.value for v in Validity}:
        raise ValidationFailed(_("有效性无效"), code="catalog.bad_validity")
    if validity != Validity.VALID and on is None:
        raise ValidationFailed(_("请填写%(validity)s日期"), code="catalog.validity_date_required", validity=VALIDITY_LABELS[Validity(validity)])
    if on and item.written_on and on < item.written_on:
        raise ValidationFailed(_("失效/废止日期不能早于成文日期"), code="catalog.validity_before_written")
    before = {"validity": item.validity, "validity_changed_on": item.validity_changed_on}
    item.validity = validity
    item.validity_changed_on = on if validity != Validity.VALID else None
    if validity == Validity.VALID:
        item.abolished_by = None
    item.save()
    record_event(actor=actor, obj=item, action="item.validity_changed", before=before,
                 after={"validity": item.validity, "validity_changed_on": item.validity_changed_on}, reason=reason)
    _changed(item)
    return item


@transaction.atomic
def abolish_document(*, actor, item: Item, by: Item | None, on: dt.date, reason: str = "") -> Item:
    """废止: by which document, on which date (the abolishing document, when given, must be published)."""
    item = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
    require(actor, "item.set_validity", item)
    if not item.normative_kind:
        raise ValidationFailed(_("只有规章和规范性文件登记废止"), code="catalog.not_normative")
    if item.validity == Validity.ABOLISHED:
        raise ValidationFailed(_("该文件已废止"), code="catalog.already_abolished")
    if by is not None and (by.pk == item.pk or by.status != Status.PUBLISHED):
        raise ValidationFailed(_("废止文件须是另一份已发布的文件"), code="catalog.bad_abolishing_document")
    if item.written_on and on < item.written_on:
        raise ValidationFailed(_("废止日期不能早于成文日期"), code="catalog.abolished_before_written")
    before = {"validity": item.validity, "validity_changed_on": item.validity_changed_on}
    item.validity, item.validity_changed_on, item.abolished_by = Validity.ABOLISHED, on, by
    item.save()
    record_event(actor=actor, obj=item, action="item.abolished", before=before,
                 after={"validity": item.validity, "validity_changed_on": on, "abolished_by": by.pk if by else None},
                 reason=reason, payload={"abolished_by_title": by.title if by else ""})
    _changed(item)
    return item


@transaction.atomic
def mark_interpretation_not_required(*, actor, item: Item, reason: str) -> Item:
    item = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
    require(actor, "item.edit" if item.status == Status.DRAFT else "item.review", item)
    if not item.normative_kind:
        raise ValidationFailed(_("只有政策文件（规章、规范性文件）需要标注解读要求"), code="catalog.not_policy")
    if not reason.strip():
        raise ValidationFailed(_("请说明无需解读的理由"), code="catalog.reason_required")
    item.interpretation_not_required = True
    item.save(update_fields=["interpretation_not_required", "updated_at"])
    record_event(actor=actor, obj=item, action="item.interpretation_not_required", reason=reason.strip())
    return item
