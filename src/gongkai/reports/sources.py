"""The one adapter that reads other areas for a report: their report selectors, turned into
``ReportInputs`` for the pure statistics. Nothing else in reports reads cases, catalog or engagement. (A 2008-form
report's 汇编 editions and the words of its applications have no report selector yet; ``_legacy`` reads them
here, read-only.)"""

import dataclasses
import re
from collections import defaultdict
from decimal import Decimal

from gongkai.agencies.models import Agency
from gongkai.cases.selectors import report_appeals, report_applications, visible_cases
from gongkai.catalog.domain.facts import CHANNEL_LABELS
from gongkai.catalog.domain.taxonomies import CATEGORIES
from gongkai.catalog.selectors import (
    item_counts,
    items_for_count,
    items_with_ids,
    normative_facts,
    published_count,
    staff_items,
)
from gongkai.catalog.selectors import (
    published_between as catalog_published_between,
)
from gongkai.engagement.selectors import period_figures, records_for_figure
from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.legacy_records import cited_document, subjects
from gongkai.reports.domain.snapshot import ReportInputs
from gongkai.reports.domain.statistics import year_bounds
from gongkai.reports.models import DeclaredFigure, ReportParticular


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


READS = 9   # the parts gather() reads, each one reported to on_progress when it is read


def gather(*, agency: Agency, scope: list[Agency], year: int, form: ReportForm, on_progress=None) -> ReportInputs:
    """What the statistics need, read part by part; ``on_progress(done, READS)`` after each part (a report of a
    district's 100,000 applications takes seconds, most of it in the applications and the appeals)."""
    ids = [a.pk for a in scope]
    start, end = year_bounds(year)
    done = 0

    def read(fetch):
        nonlocal done
        value = fetch()
        done += 1
        if on_progress is not None:
            on_progress(done, READS)
        return value

    engagement = read(lambda: period_figures(agency_ids=ids, start=start, end=end))
    engagement_map = {**dataclasses.asdict(engagement), "satisfaction_rate": engagement.satisfaction_rate}
    by_agency = read(lambda: item_counts(agency_ids=ids, start=start, end=end, by="agency"))
    applications = read(lambda: report_applications(agency_ids=ids, year=year))
    appeals = read(lambda: report_appeals(agency_ids=ids, year=year))
    normative = read(lambda: normative_facts(agency_ids=ids, until=end))
    published_total = read(lambda: published_count(agency_ids=ids, start=start, end=end))
    channel_counts = read(lambda: item_counts(agency_ids=ids, start=start, end=end, by="channel"))
    declared = read(lambda: declared_figures(scope, year))
    # The facts the text parts narrate: the six parts of a 2008-form report, part 一 of a national one.
    legacy = read(lambda: _legacy(agency, scope, year, engagement))
    inputs = ReportInputs(
        year=year,
        form=form,
        agency=agency_ref(agency),
        scope=[agency_ref(a) for a in scope],
        applications=applications,
        appeals=appeals,
        normative=normative,
        published_total=published_total,
        published_by_agency={int(k): n for k, n in by_agency.items()},
        channel_counts=channel_counts,
        channel_labels={k.value: v for k, v in CHANNEL_LABELS.items()},
        engagement=engagement_map,
        declared=declared,
        **legacy,
    )
    return inputs


def _legacy(agency: Agency, scope: list[Agency], year: int, engagement) -> dict:
    """What a report's text narrates besides applications and appeals (a 2008-form report's parts 一 and 二, a
    national-form report's 一、总体情况): items by 重点领域, the agency's own portal, its 汇编, the organisation
    (units, sections, websites), and the facts in words."""
    from gongkai.cases.models import Application

    ids = [a.pk for a in scope]
    start, end = year_bounds(year)
    editions = compilation_editions(agency_ids=ids, year=year)
    compilations = {
        "editions": editions.count(),
        "documents": compilation_entries(editions).count(),
        "copies": sum(e.copies_distributed for e in editions),
    }
    recipients: list[str] = []
    for edition in editions:
        for place in re.split(r"[、，,；;]", edition.distributed_to or ""):
            if place.strip() and place.strip() not in recipients:
                recipients.append(place.strip())
    guiding = []
    for focus in ("guowuyuan", "shizhengfu"):
        for item in items_for_count(agency_ids=ids, start=start, end=end, by="focus", key=focus).filter(
                title__contains="政务公开").order_by("published_on", "pk"):
            # Only a document that carries its 文号 (its own, or the forwarded one's in the title) is cited.
            cited = cited_document(item.title, item.doc_number)
            if ("要点" in item.title or "任务分工" in item.title) and "号）" in cited and cited not in guiding:
                guiding.append(cited)
    received = (Application.objects.filter(agency_id__in=ids, received_on__gte=start, received_on__lte=end)
                .values_list("description", flat=True))
    stored = {p.key: p.text for p in ReportParticular.objects.filter(agency=agency, year=year)}
    own_categories = item_counts(agency_ids=[agency.pk], start=start, end=end, by="category")
    counts = {
        "focus_counts": item_counts(agency_ids=ids, start=start, end=end, by="focus"),
        "own_portal": item_counts(agency_ids=[agency.pk], start=start, end=end, by="channel").get("portal", 0),
        "compilations": compilations,
        "units": len(scope) - 1,
        "sections": len(agency.office_sections or []),
        "websites": sum(1 for a in scope if a.website),
        "mailbox": {"received": engagement.mailbox_received, "accepted": engagement.mailbox_accepted,
                    "completed": engagement.mailbox_completed},
    }
    particulars = {
        **stored,
        "office_name": agency.office_name,
        "office_sections": list(agency.office_sections or []),
        "office_address": agency.office_address,
        "office_phone": agency.office_phone,
        "office_postcode": agency.office_postcode,
        "website": agency.website,
        "short_name": agency.short_name or agency.name,
        "is_government": agency.kind == "government",
        "guiding_documents": guiding,
        "compilation_title": editions[0].title if compilations["editions"] else "",
        "compilation_recipients": recipients,
        "application_subjects": subjects(received),
        "periodicals": sorted(engagement.periodical_issues),
        # 二（一）: what the agency's own portal mostly carried, in the order of the category table.
        "own_portal_categories": [name for code, name, _ in CATEGORIES if code != "jiedu" and own_categories.get(code)],
    }
    return {"legacy_counts": counts, "particulars": particulars}


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


# --- the drill-down's readers: the same selections the figures count -----------------------------------

def published_items(*, agency_ids: list[int], year: int):
    start, end = year_bounds(year)
    return catalog_published_between(agency_ids=agency_ids, start=start, end=end)


def focus_items(*, agency_ids: list[int], year: int, focus: str):
    start, end = year_bounds(year)
    return items_for_count(agency_ids=agency_ids, start=start, end=end, by="focus", key=focus)


def items_by_id(ids: list[int]):
    return items_with_ids(ids)


def compilation_editions(*, agency_ids: list[int], year: int):
    """The year's 汇编 editions of the agencies (read-only: the catalog has no report selector for them)."""
    from gongkai.catalog.models import Compilation

    return Compilation.objects.filter(agency_id__in=agency_ids, year=year).order_by("edition", "pk")


def compilation_entries(editions):
    from gongkai.catalog.models import CompilationEntry

    return (CompilationEntry.objects.filter(compilation__in=editions)
            .select_related("compilation", "item", "item__agency").order_by("compilation__edition", "position"))


def scope_agencies(ids: list[int]) -> list[Agency]:
    return list(Agency.objects.filter(pk__in=ids).order_by("path", "sort_order"))


def sum_of(queryset, field: str) -> int:
    from django.db.models import Sum

    return queryset.order_by().aggregate(total=Sum(field))["total"] or 0
