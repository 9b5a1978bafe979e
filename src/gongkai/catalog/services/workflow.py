"""The review workflow: one service per transition, one event each, allowed by role (domain/states.py)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.disclosure import DisclosureMode
from gongkai.catalog.domain.facts import Channel
from gongkai.catalog.domain.states import TRANSITIONS, Status, TransitionRefused, check_transition
from gongkai.catalog.models import CatalogSettings, Item, ItemChannel
from gongkai.catalog.services.common import ART26_BASIS, require
from gongkai.catalog.services.index_numbers import next_index_number
from gongkai.catalog.services.matters import fulfil_from_item
from gongkai.catalog.services.screening import screen_item
from gongkai.catalog.signals import item_published, item_withdrawn
from gongkai.core.actors import System
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.events import record_event
from gongkai.core.time import local_date, local_today
from gongkai.core.timed import register_timed_job

READY_FOR_POLICY = {Status.SECRECY_REVIEWED, Status.SCHEDULED, Status.PUBLISHED}


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update().select_related("agency").get(pk=item.pk)


def _check(name: str, item: Item, actor, reason: str = ""):
    try:
        transition = check_transition(name, Status(item.status), reason=reason)
    except TransitionRefused as exc:
        error = ValidationFailed if exc.code == "catalog.reason_required" else InvalidTransition
        raise error.like(exc, field="reason" if error is ValidationFailed else None) from None
    require(actor, transition.permission, item)
    return transition


def _move(actor, item: Item, name: str, *, reason: str = "", legal_basis: str = "", payload=None, **updates) -> Item:
    transition = _check(name, item, actor, reason)
    from_state = item.status
    item.status = transition.target
    for field, value in updates.items():
        setattr(item, field, value)
    item.save()
    record_event(actor=actor, obj=item, action=transition.event, from_state=from_state, to_state=item.status,
                 reason=reason, legal_basis=legal_basis, payload=payload)
    return item


@transaction.atomic
def submit_item(*, actor, item: Item) -> Item:
    return _move(actor, _locked(item), "submit", rejection_reason="")


@transaction.atomic
def review_item(*, actor, item: Item, comment: str = "") -> Item:
    return _move(actor, _locked(item), "review", reason=comment)


@transaction.atomic
def secrecy_review_item(*, actor, item: Item, comment: str = "") -> Item:
    return _move(actor, _locked(item), "secrecy_review", reason=comment, legal_basis="《政府信息公开条例》第十七条")


REJECTION_BY_STATUS = {
    Status.SUBMITTED: "reject_review",
    Status.REVIEWED: "reject_secrecy",
    Status.SECRECY_REVIEWED: "reject_publish",
    Status.SCHEDULED: "reject_publish",
}


@transaction.atomic
def reject_item(*, actor, item: Item, reason: str) -> Item:
    """Send the item back to its editor with a reason, from whichever review step it is at."""
    item = _locked(item)
    name = REJECTION_BY_STATUS.get(Status(item.status), "reject_review")
    return _move(actor, item, name, reason=reason, rejection_reason=reason.strip(), scheduled_at=None)


def _interpretations_ready(item: Item) -> list[Item]:
    settings = CatalogSettings.objects.filter(agency=item.agency_id).first() or CatalogSettings()
    interpretations = list(item.interpretations.select_for_update().exclude(status=Status.WITHDRAWN))
    if not item.normative_kind or not settings.interpretation_required or item.interpretation_not_required:
        return [i for i in interpretations if i.status in {Status.SECRECY_REVIEWED, Status.SCHEDULED}]
    ready = [i for i in interpretations if i.status in READY_FOR_POLICY]
    if not ready and settings.interpretation_grace_days == 0:
        raise ValidationFailed(_("本机构要求政策文件与解读同步发布：请先让解读稿通过保密审查，或标注“无需解读”"), code="catalog.interpretation_missing")
    return [i for i in ready if i.status != Status.PUBLISHED]


@transaction.atomic
def publish_item(*, actor, item: Item, published_on: dt.date | None = None,
                 channels: tuple[str, ...] = (Channel.PORTAL,), _with_policy: bool = False) -> Item:
    """Publish: screening must be clear, 索引号 is assigned (never changed afterwards; one reserved by an import is
    kept), channels recorded."""
    item = _locked(item)
    transition = _check("publish", item, actor)
    if item.disclosure_mode != DisclosureMode.PROACTIVE:
        raise ValidationFailed(_("只有“主动公开”的信息可以发布"), code="catalog.not_proactive")
    open_findings = screen_item(item=item)
    if open_findings:
        raise ValidationFailed(_("审查发现未处理，不能发布：%(details)s"), code="catalog.screening_open", details="；".join(f"{f.get_kind_display()}（{f.field}）" for f in open_findings))
    if item.interprets_id and not _with_policy and item.interprets.status != Status.PUBLISHED:
        raise ValidationFailed(_("解读须与其政策文件同步或在其后发布"), code="catalog.policy_unpublished")
    companions = _interpretations_ready(item)
    now = timezone.now()
    # An imported row that waited in the review queue keeps the 发布日期 and 索引号 it had in the old catalog.
    published_on = published_on or item.published_on or local_today()
    if item.index_number:
        number, period, serial = item.index_number, item.index_period, item.index_serial
    else:
        number, period, serial = next_index_number(item.agency, published_on)
    from_state = item.status
    item.status = transition.target
    item.index_number, item.index_period, item.index_serial = number, period, serial
    item.published_on, item.published_at, item.scheduled_at = published_on, now, None
    item.save()
    ItemChannel.objects.bulk_create(
        [ItemChannel(item=item, channel=Channel(c), sent_on=published_on) for c in channels], ignore_conflicts=True
    )
    late = bool(item.disclosure_due_on and published_on > item.disclosure_due_on)
    record_event(actor=actor, obj=item, action=transition.event, from_state=from_state, to_state=item.status,
                 legal_basis=ART26_BASIS if late else "",
                 payload={"index_number": number, "channels": list(channels), "late_under_art26": late})
    fulfil_from_item(item)
    for companion in companions:
        publish_item(actor=actor, item=companion, published_on=published_on, channels=channels, _with_policy=True)
    transaction.on_commit(lambda: item_published.send(sender=Item, item=item))
    return item


@transaction.atomic
def schedule_item(*, actor, item: Item, at: dt.datetime) -> Item:
    if at <= timezone.now():
        raise ValidationFailed(_("定时发布时间须晚于现在"), code="catalog.schedule_in_past")
    return _move(actor, _locked(item), "schedule", scheduled_at=at, payload={"at": at})


@transaction.atomic
def unschedule_item(*, actor, item: Item) -> Item:
    return _move(actor, _locked(item), "unschedule", scheduled_at=None)


@transaction.atomic
def withdraw_item(*, actor, item: Item, reason: str) -> Item:
    """撤稿: the item leaves the portal and feeds; its 索引号 stays reserved (never reused)."""
    item = _move(actor, _locked(item), "withdraw", reason=reason, withdrawn_at=timezone.now(),
                 withdrawal_reason=reason.strip(), payload={"index_number": item.index_number})
    transaction.on_commit(lambda: item_withdrawn.send(sender=Item, item=item))
    return item


@register_timed_job("catalog.publish_scheduled", "发布定时发布时间已到的信息")
def publish_due_scheduled() -> int:
    """Publish scheduled items whose time has come. One whose screening is no longer clear goes back to
    待发布 with an event, so the job stays idempotent."""
    now = timezone.now()
    done = 0
    for item in Item.objects.filter(status=Status.SCHEDULED, scheduled_at__lte=now).order_by("scheduled_at"):
        try:
            publish_item(actor=System, item=item, published_on=local_date(item.scheduled_at))
            done += 1
        except (ValidationFailed, InvalidTransition) as exc:
            with transaction.atomic():
                locked = _locked(item)
                if locked.status == Status.SCHEDULED:
                    _move(System, locked, "unschedule", reason=f"定时发布未完成：{exc}", scheduled_at=None)
                    done += 1
    return done


assert set(REJECTION_BY_STATUS.values()) <= set(TRANSITIONS)
