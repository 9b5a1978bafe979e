"""Readers behind the 政府网站工作年度报表's counted rows (the drill-down: which records make a figure) and the
inspection view of an office's sites for a year (报表 published or not, 找错 handled, visits).

Each counted row of ``domain/yearly_report.py`` names here the records it counts, with the same selectors the
count uses, so the list and the figure cannot disagree."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalog.selectors import items_for_count, published_between
from gongkai.engagement.selectors import published_messages, records_for_figure
from gongkai.sites.domain import yearly_report as table
from gongkai.sites.domain.identity import SiteType
from gongkai.sites.models import Site, SiteVisitDay, SiteYearlyReport
from gongkai.sites.selectors import error_report_counts, visit_totals
from gongkai.sites.yearly import site_agency_ids

DRILL_LIMIT = 500   # records listed on the page; the count above the list is the full one


@dataclass(frozen=True)
class Record:
    on: dt.date | None
    text: str
    url_name: str = ""   # a staff URL name taking pk=…, or "" when the record has no page of its own
    pk: int | None = None


@dataclass(frozen=True)
class Drill:
    key: str
    label: str
    total: int
    records: list[Record]
    monthly: list[tuple[str, int, int]]   # visits only: (month, views, visitors)


def _items(qs) -> tuple[int, list[Record]]:
    qs = qs.order_by("published_at", "pk")
    return qs.count(), [Record(i.published_at.date() if i.published_at else None, f"{i.title}", "catalog_item", i.pk)
                        for i in qs[:DRILL_LIMIT]]


def _engagement(ids, start, end, *figures) -> tuple[int, list[Record]]:
    records, total = [], 0
    for figure in figures:
        qs = records_for_figure(agency_ids=ids, start=start, end=end, figure=figure)
        total += qs.count()
        for r in qs[:DRILL_LIMIT]:
            on = getattr(r, "held_on", None) or getattr(r, "received_on", None)
            is_message = hasattr(r, "tracking_code")
            records.append(Record(on, str(r), "engagement_message" if is_message else "", r.pk if is_message else None))
    return total, sorted(records, key=lambda r: (r.on or dt.date.min, r.text))


def _published_answers(ids, year) -> tuple[int, list[Record]]:
    records = []
    for agency in Agency.objects.filter(pk__in=ids):
        for m in published_messages(agency).filter(published_at__year=year):
            records.append(Record(timezone.localdate(m.published_at), f"{m.tracking_code} {(m.public_question or '')[:60]}",
                                  "engagement_message", m.pk))
    records.sort(key=lambda r: (r.on, r.text))
    return len(records), records[:DRILL_LIMIT]


def _monthly(site: Site, start, end) -> list[tuple[str, int, int]]:
    rows = (SiteVisitDay.objects.filter(site=site, day__gte=start, day__lte=end).annotate(month=TruncMonth("day"))
            .values("month").annotate(views=Sum("views"), visitors=Sum("visitors")).order_by("month"))
    return [(f"{r['month']:%Y-%m}", r["views"] or 0, r["visitors"] or 0) for r in rows]


# Counted rows that list records; the others (identity, 是否使用统一平台) are not counts of records.
DRILLABLE = frozenset({
    "visitors", "views", "items_total", "items_catalog", "items_overview", "items_news", "interpretations",
    "interpretation_texts", "concern_responses", "interviews", "messages_received", "messages_completed",
    "messages_mean_days", "messages_published",
})


def drill(site: Site, year: int, key: str) -> Drill | None:
    """The records behind the counted row ``key`` of the site's 报表 for ``year``; None for a row that is not
    a count of records."""
    if key not in DRILLABLE:
        return None
    label = next(f"{section} · {label}" for section, label, k, _u, _src in table.ROWS if k == key)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if key in ("visitors", "views"):
        totals = visit_totals(site, start, end)
        return Drill(key, label, totals[key], [], _monthly(site, start, end))
    ids = [] if site.site_type == SiteType.SPECIAL.value else site_agency_ids(site)
    if key in ("items_total", "items_catalog"):
        total, records = _items(published_between(agency_ids=ids, start=start, end=end))
    elif key == "items_overview":
        total, records = _items(items_for_count(agency_ids=ids, start=start, end=end, by="statutory_item",
                                                key=table.OVERVIEW_STATUTORY_ITEM))
    elif key == "items_news":
        total, records = _items(items_for_count(agency_ids=ids, start=start, end=end, by="category",
                                                key=table.NEWS_CATEGORY))
    elif key in ("interpretations", "interpretation_texts"):
        total, records = _engagement(ids, start, end, "interpretations_of_normative", "other_interpretations")
    elif key == "concern_responses":
        total, records = _engagement(ids, start, end, "concern_responses")
    elif key == "interviews":
        total, records = _engagement(ids, start, end, "online_interviews")
    elif key in ("messages_received", "messages_mean_days"):
        total, records = _engagement(ids, start, end, "mailbox_received")
    elif key == "messages_completed":
        total, records = _engagement(ids, start, end, "mailbox_completed")
    else:
        total, records = _published_answers(ids, year)
    return Drill(key, label, total, records, [])


@dataclass(frozen=True)
class InspectionRow:
    site: Site
    published_on: dt.date | None
    on_time: bool | None          # published by 31 January of the following year
    errors: dict                  # error_report_counts: received, replied, on_time, valid, open
    views: int
    visitors: int


def inspection_rows(sites, year: int) -> list[InspectionRow]:
    """For each site: its 报表 of ``year`` (published when, in time or not), its 找错 reports received in
    ``year`` and how they were answered, and its counted visits — what an inspection of the sites looks at
    (国办函〔2018〕12号; 国办发〔2017〕47号 on 我为政府网站找错)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    deadline = dt.date(year + 1, 1, 31)
    published = {r.site_id: r.published_at for r in SiteYearlyReport.objects.filter(year=year, site__in=sites)}
    out = []
    for site in sites.select_related("agency").order_by("agency__path", "id"):
        at = published.get(site.pk)
        on = timezone.localdate(at) if at else None
        visits = visit_totals(site, start, end)
        out.append(InspectionRow(site, on, None if on is None else on <= deadline,
                                 error_report_counts(site, start, end), visits["views"], visits["visitors"]))
    return out
