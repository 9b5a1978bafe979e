"""The one adapter that reads other areas for a report: their report selectors, turned into
``ReportInputs`` for the pure statistics. Nothing else in reports reads cases, catalog or engagement."""

import dataclasses
from collections import defaultdict
from decimal import Decimal

from gongkai.agencies.models import Agency
from gongkai.cases.selectors import report_appeals, report_applications, visible_cases
from gongkai.catalog.domain.facts import CHANNEL_LABELS
from gongkai.catalog.selectors import (
    item_counts,
    items_for_count,
    normative_facts,
    published_count,
    staff_items,
)
from gongkai.engagement.selectors import period_figures, records_for_figure
from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.snapshot import ReportInputs
from gongkai.reports.domain.statistics import year_bounds
from gongkai.reports.models import DeclaredFigure


def agency_ref(agency: Agency) -> dict:
    return {"id": agency.pk, "code": agency.code, "name": agency.name}


def declared_figures(scope: list[Agency], year: int) -> dict[str, dict]:
    """Declared table-二 cells of the agencies in scope, summed per cell (a roll-up adds its agencies')."""
    totals: dict[str, dict] = defaultdict(lambda: {"value": Decimal("0"), "sources": []})
    rows = DeclaredFigure.objects.filter(agency__in=scope, year=year).select_related("agency", "declared_by")
    for row in rows.order_by("agency__path", "cell"):
        entry = totals[row.cell]
        entry["value"] += row.value
        entry["sources"].append({
            "agency": row.agency.name, "value": f"{row.value.normalize():f}", "source": row.source,
            "by": row.declared_by.get_username() if row.declared_by else "", "at": row.updated_at.isoformat(),
        })
    return {cell: {"value": _tidy(entry["value"]), "sources": entry["sources"]} for cell, entry in totals.items()}


def _tidy(value: Decimal) -> Decimal | int:
    return int(value) if value == value.to_integral_value() else value.normalize()


def gather(*, agency: Agency, scope: list[Agency], year: int, form: ReportForm) -> ReportInputs:
    ids = [a.pk for a in scope]
    start, end = year_bounds(year)
    engagement = period_figures(agency_ids=ids, start=start, end=end)
    engagement_map = {**dataclasses.asdict(engagement), "satisfaction_rate": engagement.satisfaction_rate}
    by_agency = item_counts(agency_ids=ids, start=start, end=end, by="agency")
    return ReportInputs(
        year=year,
        form=form,
        agency=agency_ref(agency),
        scope=[agency_ref(a) for a in scope],
        applications=report_applications(agency_ids=ids, year=year),
        appeals=report_appeals(agency_ids=ids, year=year),
        normative=normative_facts(agency_ids=ids, until=end),
        published_total=published_count(agency_ids=ids, start=start, end=end),
        published_by_agency={int(k): n for k, n in by_agency.items()},
        channel_counts=item_counts(agency_ids=ids, start=start, end=end, by="channel"),
        channel_labels={k.value: v for k, v in CHANNEL_LABELS.items()},
        engagement=engagement_map,
        declared=declared_figures(scope, year),
    )


def channel_items(*, agency_ids: list[int], year: int, channel: str):
    start, end = year_bounds(year)
    return items_for_count(agency_ids=agency_ids, start=start, end=end, by="channel", key=channel)


def engagement_records(*, agency_ids: list[int], year: int, figure: str):
    start, end = year_bounds(year)
    return records_for_figure(agency_ids=agency_ids, start=start, end=end, figure=figure)


def case_rows(user, ids: list[int]):
    """The applications behind a cell that ``user`` may see (the others are counted, not shown)."""
    return visible_cases(user).filter(pk__in=ids).order_by("received_on", "pk")


def item_rows(user, ids: list[int]):
    return staff_items(user).filter(pk__in=ids).order_by("-published_on", "pk")


def visible_channel_items(user, *, agency_ids: list[int], year: int, channel: str):
    return channel_items(agency_ids=agency_ids, year=year, channel=channel).filter(
        pk__in=staff_items(user).values("pk"))
