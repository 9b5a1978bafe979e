"""公开清单: matters an agency must disclose, their occurrences (obligations) and the items fulfilling them."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import can
from gongkai.calendars.official import add_working_days
from gongkai.catalog.domain.matters import Periodicity, due_date, periods_ending_by
from gongkai.catalog.models import DisclosureMatter, Item, MatterObligation
from gongkai.catalog.services.common import require
from gongkai.core.actors import System
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import record_event, snapshot
from gongkai.core.time import local_today
from gongkai.core.timed import register_timed_job

MATTER_FIELDS = ["title", "content", "basis", "responsible_unit", "periodicity", "limit_days",
                 "limit_in_working_days", "statutory_item"]


def _require_any(actor, actions: tuple[str, ...], obj) -> None:
    if not any(can(actor, action, obj) for action in actions):
        raise NotAllowed(_("您无权执行此操作"), action=actions[0])


def _due(matter: DisclosureMatter, start: dt.date) -> dt.date:
    return due_date(start, matter.limit_days, working=matter.limit_in_working_days,
                    add_working_days=lambda d, n: add_working_days(d, n).due)


@transaction.atomic
def create_matter(*, actor, agency, **fields) -> DisclosureMatter:
    require(actor, "catalog.configure", agency)
    unknown = set(fields) - set(MATTER_FIELDS)
    if unknown:
        raise ValidationFailed(_("未知字段：%(unknown)s"), code="catalog.unknown_fields", unknown=sorted(unknown))
    if not fields.get("title") or not fields.get("basis") or not fields.get("responsible_unit"):
        raise ValidationFailed(_("公开事项、公开依据和责任单位都须填写"), code="catalog.matter_incomplete")
    if fields.get("periodicity") not in {p.value for p in Periodicity}:
        raise ValidationFailed(_("公开时限类型无效"), code="catalog.bad_deadline_kind")
    matter = DisclosureMatter.objects.create(agency=agency, **fields)
    record_event(actor=actor, obj=matter, action="matter.created", after=snapshot(matter, MATTER_FIELDS))
    return matter


@transaction.atomic
def record_matter_trigger(*, actor, matter: DisclosureMatter, label: str, triggered_on: dt.date) -> MatterObligation:
    """An event that starts a matter's clock (e.g. 预算 approved on a date: disclose within 20 days)."""
    _require_any(actor, ("catalog.configure", "item.edit", "item.publish"), matter)
    if not label.strip():
        raise ValidationFailed(_("请填写事由"), code="catalog.label_required")
    if MatterObligation.objects.filter(matter=matter, label=label.strip()).exists():
        raise ValidationFailed(_("该事由已登记"), code="catalog.trigger_exists")
    obligation = MatterObligation.objects.create(matter=matter, label=label.strip(), triggered_on=triggered_on,
                                                 due_on=_due(matter, triggered_on))
    record_event(actor=actor, obj=matter, action="matter.triggered",
                 payload={"label": obligation.label, "triggered_on": triggered_on, "due_on": obligation.due_on})
    return obligation


def open_periodic_obligations(*, today: dt.date | None = None) -> int:
    """Create the obligation of each monthly/quarterly/yearly period that has ended (idempotent)."""
    today = today or local_today()
    created = 0
    for matter in DisclosureMatter.objects.filter(is_active=True).exclude(periodicity=Periodicity.EVENT):
        start = matter.created_at.date().replace(day=1)
        existing = set(matter.obligations.values_list("label", flat=True))
        for label, end in periods_ending_by(Periodicity(matter.periodicity), start, today):
            if label not in existing:
                MatterObligation.objects.create(matter=matter, label=label, triggered_on=end, due_on=_due(matter, end))
                created += 1
    return created


register_timed_job("catalog.matter_obligations", "生成公开清单各期的公开义务")(open_periodic_obligations)


@transaction.atomic
def fulfil_obligation(*, actor, obligation: MatterObligation, item: Item) -> MatterObligation:
    _require_any(actor, ("item.edit", "item.publish"), item)
    if item.status != "published":
        raise ValidationFailed(_("只能关联已发布的信息"), code="catalog.not_published")
    if item.agency_id != obligation.matter.agency_id:
        raise ValidationFailed(_("信息与公开清单事项不属于同一机构"), code="catalog.matter_elsewhere")
    obligation = MatterObligation.objects.select_for_update().get(pk=obligation.pk)
    obligation.item, obligation.fulfilled_on = item, item.published_on
    obligation.save()
    record_event(actor=actor, obj=obligation.matter, action="matter.fulfilled",
                 payload={"label": obligation.label, "item": item.pk, "late": item.published_on > obligation.due_on})
    return obligation


def fulfil_from_item(item: Item) -> None:
    """On publication: the item fulfils the earliest open obligation of its matter, if any."""
    if not item.matter_id:
        return
    obligation = (
        MatterObligation.objects.select_for_update().filter(matter=item.matter_id, item__isnull=True)
        .order_by("due_on").first()
    )
    if obligation is not None:
        obligation.item, obligation.fulfilled_on = item, item.published_on
        obligation.save()
        record_event(actor=System, obj=item.matter, action="matter.fulfilled",
                     payload={"label": obligation.label, "item": item.pk,
                              "late": item.published_on > obligation.due_on})
