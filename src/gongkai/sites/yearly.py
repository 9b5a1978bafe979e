"""The 政府网站工作年度报表 of a site for a year, counted from records (sites/domain/yearly_report.py has the
table and where each row comes from), and its publication on the site's home page (国办函〔2018〕12号: by
31 January; the reminder is sites/yearly_reminders.py)."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import can
from gongkai.calendars.official import current_calendar
from gongkai.catalog.selectors import item_counts, published_count
from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.events import record_event
from gongkai.engagement.domain.stats import summarise
from gongkai.engagement.selectors import mailbox_facts, period_figures, published_messages
from gongkai.sites.domain import yearly_report as table
from gongkai.sites.domain.identity import SITE_TYPE_LABELS, SiteType
from gongkai.sites.models import Site, SiteYearlyReport
from gongkai.sites.selectors import site_figures, visit_totals

BASIS = "《国务院办公厅关于做好政府网站年度报表发布工作的通知》（国办函〔2018〕12号）"


@dataclass(frozen=True)
class YearlyReport:
    site_id: int
    site_name: str
    year: int
    rows: list
    published_at: dt.datetime | None = None

    @property
    def sections(self):
        return table.sections(self.rows)


def site_agency_ids(site: Site) -> list[int]:
    """The agencies whose records are the site's: its agency and the units below it without a site of their own."""
    own = set(Site.objects.filter(is_active=True).exclude(pk=site.pk).exclude(site_type=SiteType.SPECIAL.value)
              .values_list("agency__path", flat=True))
    ids = []
    for pk, path in Agency.objects.filter(path__startswith=site.agency.path).values_list("pk", "path"):
        if pk == site.agency_id or not any(path.startswith(p) for p in own if p != site.agency.path):
            ids.append(pk)
    return ids


def count_values(site: Site, year: int) -> tuple[dict, dict]:
    """({key: value}, {key: note}) of the rows for ``year``: identity, counts, then the office's entries."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    canonical = next((d.domain for d in site.domains.all() if d.is_canonical), "")
    values: dict = {
        "name": site.name, "home": f"https://{canonical}/" if canonical else "", "sponsor": site.sponsor,
        "site_type": SITE_TYPE_LABELS[SiteType(site.site_type)], "site_code": site.site_code,
        "icp_record": site.icp_record, "police_record": site.police_record,
    }
    notes: dict = {}
    if site.site_type == SiteType.SPECIAL.value:   # a 专项网站 has no records of its own on the platform
        ids = []
    else:
        ids = site_agency_ids(site)
    visits = visit_totals(site, start, end)
    values["visitors"], values["views"] = visits["visitors"], visits["views"]
    total = published_count(agency_ids=ids, start=start, end=end)
    values.update({
        "items_total": total, "items_catalog": total,
        "items_overview": item_counts(agency_ids=ids, start=start, end=end, by="statutory_item").get(
            table.OVERVIEW_STATUTORY_ITEM, 0),
        "items_news": item_counts(agency_ids=ids, start=start, end=end, by="category").get(table.NEWS_CATEGORY, 0),
    })
    figures = period_figures(agency_ids=ids, start=start, end=end)
    values["interpretations"] = figures.interpretations_of_normative + figures.other_interpretations
    values["interpretation_texts"] = values["interpretations"]
    values["concern_responses"] = figures.concern_responses
    values["interviews"] = figures.online_interviews
    stats = summarise(mailbox_facts(agency_ids=ids, start=start, end=end), current_calendar().working_days_between)
    values.update({
        "unified_platform": True,   # the site's mailbox is the cluster's one mailbox system
        "messages_received": stats.received, "messages_completed": figures.mailbox_completed,
        "messages_mean_days": stats.mean_working_days,
        "messages_published": sum(published_messages(a).filter(published_at__year=year).count()
                                  for a in Agency.objects.filter(pk__in=ids)),
    })
    notes["messages_mean_days"] = "工作日，自收到至答复"
    for key, figure in site_figures(site, year).items():
        target = "views" if key == "page_views" else key
        if key in ("visitors", "page_views"):
            if values.get(target):   # counted visits come first; a legacy year has only the office's figure
                continue
        elif key not in table.ENTERED_KEYS and key not in table.APPENDIX_KEYS:
            continue
        if key == "innovation":
            value = figure.note
        elif target in table.YES_NO:
            value = bool(figure.value)
        else:
            value = int(figure.value) if figure.value == int(figure.value) else figure.value
        values[target] = value
        if key != "innovation":
            notes[target] = ("约数；" if figure.is_approximate else "") + figure.note
    return values, notes


def yearly_report(site: Site, year: int) -> YearlyReport:
    published = SiteYearlyReport.objects.filter(site=site, year=year).first()
    if published is not None:   # the published table, as published
        rows = [table.Row(**row) for row in published.rows]
        return YearlyReport(site.pk, site.name, year, rows, published.published_at)
    values, notes = count_values(site, year)
    return YearlyReport(site.pk, site.name, year, table.build_rows(values, notes))


@transaction.atomic
def publish_yearly_report(*, actor, site: Site, year: int) -> SiteYearlyReport:
    if not can(actor, "site.manage", site.agency):
        raise NotAllowed(_("无权发布该网站的年度报表"))
    if SiteYearlyReport.objects.filter(site=site, year=year).exists():
        raise DomainError(_("%(year)s年度报表已发布"), code="sites.yearly_published", year=year)
    values, notes = count_values(site, year)
    rows = [{"section": r.section, "label": r.label, "key": r.key, "unit": r.unit, "source": r.source,
             "value": _plain(r.value), "note": r.note} for r in table.build_rows(values, notes)]
    report = SiteYearlyReport.objects.create(site=site, year=year, rows=rows, published_at=timezone.now())
    record_event(actor=actor, obj=site, action="site.yearly_report_published", legal_basis=BASIS,
                 payload={"year": year})
    return report


def _plain(value):
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    return str(value)


def published_collection(agency) -> list[SiteYearlyReport]:
    """The published 报表 of every site of the agency and the agencies below it (the collection column)."""
    return list(SiteYearlyReport.objects.filter(site__agency__path__startswith=agency.path, site__is_active=True)
                .select_related("site").order_by("-year", "site__agency__path", "site_id"))


def published_reports(site: Site) -> list[SiteYearlyReport]:
    return list(SiteYearlyReport.objects.filter(site=site).order_by("-year"))
