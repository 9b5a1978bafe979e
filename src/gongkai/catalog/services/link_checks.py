"""The link-check timed job: find the links to other websites in published items, and ask each one.

Every minute it reads one slice of the published items (the slice turns with the clock, so no cursor is
stored and `gongkai tick` from cron works as well as the timer) and records the links it has not seen, then
asks the links that are due, a few at a time in parallel, with a short timeout (catalog/link_requests.py:
public internet addresses only, checked after DNS and on every redirect). The inspection page reports the
broken ones of each site. A full sweep of every published item (``catalog.link_sweep``, weekly and on demand:
``gongkai sweep start catalog.link_sweep``) is cut into chunks that several queue workers share
(core/sweeps.py). Deployments without internet access switch it off (GONGKAI_LINK_CHECK=0).
"""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db.models import F, Max, Q
from django.utils import timezone

from gongkai.catalog.domain.links import RECHECK_DAYS, RETRY_BROKEN_DAYS, external_links
from gongkai.catalog.domain.states import Status
from gongkai.catalog.link_requests import ask
from gongkai.catalog.models import Item, LinkCheck
from gongkai.core.sweeps import id_ranges, register_sweep
from gongkai.core.timed import register_timed_job

SLICE = 2000        # item bodies read a minute: 1,000,000 items are all read every ~8 hours
CHECKS = 10         # links asked a minute, in parallel
SWEEP_CHUNK = 5000  # items per chunk of a full sweep (a task of its own with a queue)


def discover_links(*, now=None) -> int:
    """Record the links of this minute's slice of published items; returns how many were new."""
    now = now or timezone.now()
    top = Item.objects.aggregate(m=Max("pk"))["m"] or 0
    slot = int(now.timestamp() // 60) % (top // SLICE + 1)
    return len(discover_links_between(slot * SLICE, (slot + 1) * SLICE - 1)[1])


def discover_links_between(first: int, last: int) -> tuple[set[str], set[str]]:
    """Record the links of the published items with ids ``first``..``last``: (every link found, the new ones)."""
    bodies = Item.objects.filter(status=Status.PUBLISHED, pk__gte=first, pk__lte=last)
    urls = {url for body in bodies.values_list("body", flat=True).iterator(chunk_size=500)
            for url in external_links(body)}
    if not urls:
        return set(), set()
    known = set(LinkCheck.objects.filter(url__in=urls).values_list("url", flat=True))
    LinkCheck.objects.bulk_create([LinkCheck(url=u) for u in sorted(urls - known)], ignore_conflicts=True)
    return urls, urls - known


def _due(now) -> Q:
    return (Q(checked_at__isnull=True) | Q(broken=False, checked_at__lt=now - dt.timedelta(days=RECHECK_DAYS))
            | Q(broken=True, checked_at__lt=now - dt.timedelta(days=RETRY_BROKEN_DAYS)))


def check_due_links(*, now=None, limit: int = CHECKS, urls=None) -> int:
    """Ask the links never asked, or asked over a week ago (a day, when they were broken); with ``urls``, only
    those of them."""
    now = now or timezone.now()
    due = LinkCheck.objects.filter(_due(now))
    if urls is not None:
        due = due.filter(url__in=urls)
    links = list(due.order_by(F("checked_at").asc(nulls_first=True), "pk")[:limit])
    if not links:
        return 0
    with ThreadPoolExecutor(max_workers=min(len(links), CHECKS)) as pool:
        answers = list(pool.map(ask, [link.url for link in links]))
    for link, (status, error) in zip(links, answers, strict=True):
        link.record(status=status, error=error, at=now)
        link.save(update_fields=["status", "error", "checked_at", "broken"])
    return len(links)


def sweep_chunks() -> list[tuple[int, int]]:
    ids = Item.objects.filter(status=Status.PUBLISHED).order_by("pk").values_list("pk", flat=True)
    return id_ranges(ids.iterator(chunk_size=10_000), SWEEP_CHUNK)


@register_sweep("catalog.link_sweep", "检查全部已发布信息中指向其他网站的链接（分块，多个进程分担）",
                chunks=sweep_chunks, every=dt.timedelta(days=RECHECK_DAYS), atomic=False)
def sweep_links_between(first: int, last: int) -> int:
    """One chunk of a full link sweep: record the links of these items and ask those of them that are due.
    With GONGKAI_LINK_CHECK off (no internet) it only records them. Returns the links found."""
    urls, _new = discover_links_between(first, last)
    if urls and settings.GONGKAI_LINK_CHECK:
        check_due_links(urls=urls, limit=len(urls))
    return len(urls)


@register_timed_job("catalog.check_external_links", "检查已发布信息中指向其他网站的链接")
def check_external_links() -> int:
    if not settings.GONGKAI_LINK_CHECK:
        return 0
    discover_links()
    return check_due_links()


def broken_urls() -> set[str]:
    return set(LinkCheck.objects.filter(broken=True).values_list("url", flat=True))
