"""Distribution: the channels an item went to, and 政务文件汇编 editions with their copies distributed."""

import datetime as dt

from django.db import transaction

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
        raise ValidationFailed("只能为已发布的信息登记发布渠道")
    valid = {c.value for c in Channel}
    bad = [c for c in channels if c not in valid]
    if bad:
        raise ValidationFailed(f"未知渠道：{', '.join(bad)}")
    if item.published_on and on < item.published_on:
        raise ValidationFailed("渠道发布日期不能早于发布日期")
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
        raise ValidationFailed("请填写汇编名称")
    if not items:
        raise ValidationFailed("请至少选择一件已发布的文件")
    ids = [i.pk for i in items]
    if len(set(ids)) != len(ids):
        raise ValidationFailed("同一文件不能重复收录")
    published = Item.objects.filter(pk__in=ids, status=Status.PUBLISHED, agency__path__startswith=agency.path)
    if published.count() != len(ids):
        raise ValidationFailed("只能收录本机构及下属机构已发布的文件")
    if Compilation.objects.filter(agency=agency, year=year, edition=edition).exists():
        raise ValidationFailed(f"{year}年第{edition}期已存在")
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
        raise ValidationFailed("发放份数应大于0")
    if not distributed_to.strip():
        raise ValidationFailed("请填写发放对象")
    compilation.copies_distributed += copies
    places = [p for p in [compilation.distributed_to, distributed_to.strip()] if p]
    compilation.distributed_to = "；".join(places)[:300]
    compilation.save()
    record_event(actor=actor, obj=compilation, action="compilation.distributed",
                 payload={"copies": copies, "to": distributed_to, "total": compilation.copies_distributed})
    return compilation
