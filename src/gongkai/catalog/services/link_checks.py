"""The link-check timed job: find the links to other websites in published items, and ask each one.

Every minute it reads one slice of the published items (the slice turns with the clock, so no cursor is
stored and `gongkai tick` from cron works as well as the timer) and records the links it has not seen, then
asks the links that are due, a few at a time in parallel, with a short timeout (catalog/link_requests.py:
public internet addresses only, checked after DNS and on every redirect). The inspection page reports the
broken ones of each site. Deployments without internet access switch it off (GONGKAI_LINK_CHECK=0).
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
from gongkai.core.timed import register_timed_job

SLICE = 2000        # item bodies read a minute: 1,000,000 items are all read every ~8 hours
CHECKS = 10         # links asked a minute, in parallel


def discover_links(*, now=None) -> int:
    """Record the links of this minute's slice of published items; returns how many were new."""
    now = now or timezone.now()
    top = Item.objects.aggregate(m=Max("pk"))["m"] or 0
    slot = int(now.timestamp() // 60) % (top // SLICE + 1)
    bodies = Item.objects.filter(status=Status.PUBLISHED, pk__gte=slot * SLICE, pk__lt=(slot + 1) * SLICE)
    urls = {url for body in bodies.values_list("body", flat=True) for url in external_links(body)}
    if not urls:
        return 0
    known = set(LinkCheck.objects.filter(url__in=urls).values_list("url", flat=True))
    LinkCheck.objects.bulk_create([LinkCheck(url=u) for u in sorted(urls - known)], ignore_conflicts=True)
    return len(urls - known)


def check_due_links(*, now=None, limit: int = CHECKS) -> int:
    """Ask the links never asked, or asked over a week ago (a day, when they were broken)."""
    now = now or timezone.now()
    due = (Q(checked_at__isnull=True) | Q(broken=False, checked_at__lt=now - dt.timedelta(days=RECHECK_DAYS))
           | Q(broken=True, checked_at__lt=now - dt.timedelta(days=RETRY_BROKEN_DAYS)))
    links = list(LinkCheck.objects.filter(due).order_by(F("checked_at").asc(nulls_first=True), "pk")[:limit])
    if not links:
        return 0
    with ThreadPoolExecutor(max_workers=len(links)) as pool:
        answers = list(pool.map(ask, [link.url for link in links]))
    for link, (status, error) in zip(links, answers, strict=True):
        link.record(status=status, error=error, at=now)
        link.save(update_fields=["status", "error", "checked_at", "broken"])
    return len(links)


@register_timed_job("catalog.check_external_links", "检查已发布信息中指向其他网站的链接")
def check_external_links() -> int:
    if not settings.GONGKAI_LINK_CHECK:
        return 0
    discover_links()
    return check_due_links()


def broken_urls() -> set[str]:
    return set(LinkCheck.objects.filter(broken=True).values_list("url", flat=True))
