"""Distribution: the channels an item went to, and 政务文件汇编 editions with their copies distributed."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.facts import Channel
from gongkai.catalog.domain.states import Status
from gongkai.catalog.models import Compilation, CompilationEntry, Item, ItemChannel
from gongkai.catalog.services.common import require
from gongkai.catalog.signals import item_changed
from gongkai.core.errors import ValidationFailed
from gongkai.core.events import record_event


@transaction.atomic
def record_channels(*, actor, item: Item, channels: list[str], on: dt.date) -> list[str]:
    """Add channels a published item went to (e.g. reposted on 政务微博); returns the channels added."""
    item = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
    require(actor, "item.publish", item)
    if item.status != Status.PUBLISHED:
        raise ValidationFailed(_("只能为已发布的信息登记发布渠道"), code="catalog.not_published")
    valid = {c.value for c in Channel}
    bad = [c for c in channels if c not in valid]
    if bad:
        raise ValidationFailed(_("未知渠道：%(bad)s"), code="catalog.unknown_channels", bad=bad)
    if item.published_on and on < item.published_on:
        raise ValidationFailed(_("渠道发布日期不能早于发布日期"), code="catalog.channel_before_publication")
    have = set(item.channels.values_list("channel", flat=True))
    added = [c for c in channels if c not in have]
    ItemChannel.objects.bulk_create([ItemChannel(item=item, channel=c, sent_on=on) for c in added])
    if added:
        record_event(actor=actor, obj=item, action="item.channels_added", payload={"channels": added, "on": on})
        transaction.on_commit(lambda: item_changed.send(sender=Item, item=item))
    return added


@transaction.atomic
def create_compilation(*, actor, agency, title: str, year: int, edition: int, issued_on: dt.date,
                       items: list[Item], copies: int = 0) -> Compilation:
    """An edition of 政务文件汇编 from chosen published items (in the order given)."""
    require(actor, "compilation.manage", agency)
    if not title.strip():
        raise ValidationFailed(_("请填写汇编名称"), code="catalog.title_required")
    if not items:
        raise ValidationFailed(_("请至少选择一件已发布的文件"), code="catalog.items_required")
    ids = [i.pk for i in items]
    if len(set(ids)) != len(ids):
        raise ValidationFailed(_("同一文件不能重复收录"), code="catalog.item_repeated")
    published = Item.objects.filter(pk__in=ids, status=Status.PUBLISHED, agency__path__startswith=agency.path)
    if published.count() != len(ids):
        raise ValidationFailed(_("只能收录本机构及下属机构已发布的文件"), code="catalog.item_elsewhere")
    if Compilation.objects.filter(agency=agency, year=year, edition=edition).exists():
        raise ValidationFailed(_("%(year)s年第%(edition)s期已存在"), code="catalog.edition_exists", year=year, edition=edition)
    compilation = Compilation.objects.create(agency=agency, title=title.strip(), year=year, edition=edition,
                                             issued_on=issued_on, copies=copies)
    CompilationEntry.objects.bulk_create(
        [CompilationEntry(compilation=compilation, item_id=pk, position=n) for n, pk in enumerate(ids, start=1)]
    )
    ItemChannel.objects.bulk_create(
        [ItemChannel(item_id=pk, channel=Channel.COMPILATION, sent_on=issued_on) for pk in ids], ignore_conflicts=True
    )
    record_event(actor=actor, obj=compilation, action="compilation.created",
                 payload={"items": ids, "year": year, "edition": edition, "copies": copies})
    return compilation


@transaction.atomic
def record_compilation_distribution(*, actor, compilation: Compilation, copies: int, distributed_to: str) -> Compilation:
    """Copies handed out (镇街、图书馆、服务群众窗口单位 …); adds to the edition's total."""
    compilation = Compilation.objects.select_for_update().select_related("agency").get(pk=compilation.pk)
    require(actor, "compilation.manage", compilation)
    if copies <= 0:
        raise ValidationFailed(_("发放份数应大于0"), code="catalog.copies_required")
    if not distributed_to.strip():
        raise ValidationFailed(_("请填写发放对象"), code="catalog.recipients_required")
    compilation.copies_distributed += copies
    places = [p for p in [compilation.distributed_to, distributed_to.strip()] if p]
    compilation.distributed_to = "；".join(places)[:300]
    compilation.save()
    record_event(actor=actor, obj=compilation, action="compilation.distributed",
                 payload={"copies": copies, "to": distributed_to, "total": compilation.copies_distributed})
    return compilation
