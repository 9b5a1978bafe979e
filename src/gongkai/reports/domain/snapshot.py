"""A report's frozen data: everything a renderer or a checker needs, computed once from facts, as JSON.

The snapshot keeps the tables, the ids of the records behind every cell (the drill-down), the counted
figures the narrative cites, each agency's share in a roll-up, and the findings of reconciliation. Amounts
(Decimal) are stored as strings and read back with ``tables_of``.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from gongkai.cases.domain.facts import AppealFact, ApplicationFact
from gongkai.cases.domain.results import ROW_OF, Result, ResultGroup
from gongkai.catalog.domain.facts import NormativeDocFact
from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.layout import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    RESULTS_TOTAL,
    T2_AMOUNT_COLUMNS,
    T3_TYPE_COLUMNS,
    T4_GROUPS,
    TOTAL,
    result_row_keys,
)
from gongkai.reports.domain.legacy import engagement_figures, fee_amounts, legacy_figures, record_ids
from gongkai.reports.domain.legacy_records import DECLARED_LEGACY, record_figures
from gongkai.reports.domain.reconcile import check_report
from gongkai.reports.domain.statistics import count_normative, count_table2, count_table3, count_table4

SCHEMA = 1


@dataclass
class ReportInputs:
    year: int
    form: ReportForm
    agency: dict                      # {"id", "code", "name"}
    scope: list[dict]                 # the agencies counted: the agency itself and those it rolls up
    applications: Sequence[ApplicationFact] = ()
    appeals: Sequence[AppealFact] = ()
    normative: Sequence[NormativeDocFact] = ()
    published_total: int | None = None
    published_by_agency: Mapping[int, int] = field(default_factory=dict)
    channel_counts: Mapping[str, int] = field(default_factory=dict)
    channel_labels: Mapping[str, str] = field(default_factory=dict)
    engagement: Mapping[str, object] | None = None
    declared: Mapping[str, dict] = field(default_factory=dict)  # t2 cell key -> {"value": Decimal, "source", ...}
    missing_sources: Sequence[str] = ()   # areas whose records could not be read, named in the findings
    # A 2008-form report's further facts (legacy_records.record_figures arguments) and its facts in words.
    legacy_counts: Mapping[str, object] | None = None
    particulars: Mapping[str, object] = field(default_factory=dict)


def _enc(value):
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dict):
        return {k: _enc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_enc(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _t3_summary(cells: dict) -> dict[str, int]:
    return {row: values[TOTAL] for row, values in cells.items() if values[TOTAL]}


def _share_ids(ids: dict[str, list[int]], trial: bool) -> dict[str, list[int]]:
    """One agency's applications received, concluded and carried over, for the roll-up drill-down."""
    results = set(result_row_keys(trial))
    share: dict[str, list[int]] = {NEW: [], RESULTS_TOTAL: [], CARRIED_OUT: []}
    for key, found in ids.items():
        row = key.split(":", 1)[0]
        target = RESULTS_TOTAL if row in results else row
        if target in share:
            share[target].extend(found)
    return {k: sorted(v) for k, v in share.items()}


def build_snapshot(inputs: ReportInputs) -> dict:
    trial = inputs.form == ReportForm.TRIAL_2019
    year = inputs.year
    t3 = count_table3(inputs.applications, year, trial_2019=trial)
    t4 = count_table4(inputs.appeals, year)
    normative = count_normative(inputs.normative, year)
    declared_values = {k: v["value"] for k, v in inputs.declared.items()}
    t2 = count_table2(normative, declared_values, trial_2019=trial)
    tables = {"form": "2019" if trial else "2021", "table2": t2.cells, "table3": t3.cells, "table4": t4.cells}

    by_agency_apps: dict[int, list] = defaultdict(list)
    for fact in inputs.applications:
        by_agency_apps[fact.agency_id].append(fact)
    by_agency_appeals: dict[int, list] = defaultdict(list)
    for fact in inputs.appeals:
        by_agency_appeals[fact.agency_id].append(fact)
    per_agency = {}
    for agency in inputs.scope:
        counted = count_table3(by_agency_apps.get(agency["id"], ()), year, trial_2019=trial)
        cells = counted.cells
        counted_appeals = count_table4(by_agency_appeals.get(agency["id"], ()), year)
        appeals = counted_appeals.cells
        per_agency[str(agency["id"])] = {
            "table3": _t3_summary(cells),
            "ids": {**_share_ids(counted.ids, trial),
                    "appeals": sorted(i for found in counted_appeals.ids.values() for i in found)},
            "table4": {g: appeals[g][TOTAL] for g in T4_GROUPS if appeals[g][TOTAL]},
            "items": inputs.published_by_agency.get(agency["id"], 0),
        }

    figures = legacy_figures(
        year=year, applications=inputs.applications, appeals=inputs.appeals, normative=normative,
        published_total=inputs.published_total, channel_counts=inputs.channel_counts,
        channel_labels=inputs.channel_labels, engagement=None,
    )
    if inputs.engagement is not None:
        figures += engagement_figures(inputs.engagement)
    if inputs.legacy_counts is not None:
        declared = {k: v["value"] for k, v in inputs.declared.items() if k in DECLARED_LEGACY}
        figures += record_figures(**inputs.legacy_counts, channel_counts=inputs.channel_counts, declared=declared)
    legacy = inputs.form == ReportForm.LEGACY
    # A 2008-form report has no national tables to reconcile: the tables kept in its snapshot are a
    # by-product for drill-down, and the 2019/2021 identities (表二 第二十条…, （六）2) are not its rules.
    findings = [] if legacy else [f.as_dict() for f in check_report(tables)]
    unpaid = t3.cells.get(Result.OTHER_UNPAID_FEE.value, {}).get(TOTAL, 0)
    notices = next((f.value for f in figures if f.key == "fee_notices"), 0) or 0
    if not legacy and unpaid > notices:
        # spec §7.4: （六）2 cannot exceed the fee notices issued (a notice from last year can explain it).
        findings.append({"level": "warning", "code": "unpaid_fee", "cells": [],
                         "message": f"（六）2 逾期未缴费 {unpaid} 件，多于本年发出的收费通知 {notices} 件"})
    findings += [
        {"level": "warning", "code": "missing_source", "message": f"未能读取{name}的记录，相关数字为空", "cells": []}
        for name in inputs.missing_sources
    ]
    return _enc({
        "schema": SCHEMA,
        "form": inputs.form.value,
        "year": year,
        "agency": inputs.agency,
        "scope": inputs.scope,
        "tables": tables,
        "ids": {"table2": t2.ids, "table3": t3.ids, "table4": t4.ids},
        "appeal_cases": {str(a.appeal_id): a.case_id for a in inputs.appeals if a.case_id},
        # The records behind the counted figures of applications and appeals, frozen like the tables' cells.
        "figure_ids": record_ids(year=year, applications=inputs.applications, appeals=inputs.appeals),
        # What the drill-down shows of an application without opening it (no personal data).
        "cases": {str(a.case_id): [a.tracking_code, a.agency_id, a.received_on] for a in inputs.applications},
        "fee_amounts": {str(k): v for k, v in fee_amounts(year=year, applications=inputs.applications).items()},
        "figures": [asdict(f) for f in figures],
        "channel_labels": dict(inputs.channel_labels),
        "particulars": dict(inputs.particulars),
        "per_agency": per_agency,
        "declared": {k: {**v, "value": v["value"]} for k, v in inputs.declared.items()},
        "facts": {"applications": len(inputs.applications), "appeals": len(inputs.appeals),
                  "normative": len(inputs.normative)},
        "findings": findings,
    })


def _dec(value):
    return None if value is None else Decimal(value) if isinstance(value, str) else value


def tables_of(snapshot: dict) -> dict:
    """The tables with amounts as Decimal again, for reconciliation and rendering."""
    tables = snapshot["tables"]
    table2 = {
        heading_row: {c: (_dec(v) if c in T2_AMOUNT_COLUMNS else v) for c, v in columns.items()}
        for heading_row, columns in tables["table2"].items()
    }
    return {**tables, "table2": table2}


WITHHELD = [r.result.value for r in ROW_OF.values() if r.group == ResultGroup.WITHHELD]


def flat_figures(snapshot: dict) -> dict:
    """key -> number: the tables' headline totals and the counted figures, for drafting and checking text."""
    figures: dict = {}
    for figure in snapshot.get("figures", []):
        value = figure["value"]
        figures[figure["key"]] = _dec(value) if isinstance(value, str) else value
    tables = snapshot["tables"]
    t3, t4, t2 = tables["table3"], tables["table4"], tables["table2"]
    for key in (NEW, CARRIED_IN, RESULTS_TOTAL, CARRIED_OUT):
        figures[f"t3.{key}"] = t3[key][TOTAL]
    figures["t3.disclosed"] = t3[Result.DISCLOSED.value][TOTAL]
    figures["t3.partial"] = t3[Result.PARTIAL.value][TOTAL]
    figures["t3.withheld"] = sum(t3[r][TOTAL] for r in WITHHELD)
    figures["t4.reconsideration"] = t4["reconsideration"][TOTAL]
    figures["t4.suits"] = t4["direct_suit"][TOTAL] + t4["suit_after_reconsideration"][TOTAL]
    names = {str(a["id"]): a["name"] for a in snapshot.get("scope", [])}
    figures["appeal_agencies"] = [
        (names[agency_id], sum(share.get("table4", {}).values()))
        for agency_id, share in snapshot.get("per_agency", {}).items() if share.get("table4") and agency_id in names
    ]
    trial = tables["form"] == "2019"
    first = "第二十条第（一）项|" + ("规范性文件" if trial else "行政规范性文件")
    if first in t2:
        values = list(t2[first].values())
        figures["t2.normative_issued"], figures["t2.normative_in_force"] = values[0], values[2]
        figures["t2.normative_abolished"] = values[1]
    return figures


def drill_ids(snapshot: dict, table: str, row: str, column: str) -> list[int]:
    """The record ids behind one cell. Totals are the union of the cells they add up (each record is in
    exactly one type column and, under 三, exactly one result row)."""
    ids = snapshot["ids"][table]
    trial = snapshot["tables"]["form"] == "2019"
    if table == "table2":
        return list(ids.get(f"{row}|{column}", []))
    if table == "table4":
        columns = [column] if column != TOTAL else ["upheld", "corrected", "other", "pending"]
        return sorted(i for c in columns for i in ids.get(f"{row}:{c}", []))
    rows = list(result_row_keys(trial)) if row == RESULTS_TOTAL else [row]
    columns = list(T3_TYPE_COLUMNS) if column == TOTAL else [column]
    return sorted(i for r in rows for c in columns for i in ids.get(f"{r}:{c}", []))
