"""Tables 二, 三 and 四 counted from facts, in one pass each (spec §3.3-§3.6).

Every function takes the facts of the agencies in scope and the report year, and returns the cells together
with the ids of the records behind each cell, so that every number can be traced back to its records.
Dates in facts are legal dates in Asia/Shanghai already; the year is 1 January - 31 December (spec §3.1).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.cases.domain.appeals import AppealOutcome
from gongkai.cases.domain.facts import AppealFact, ApplicationFact
from gongkai.cases.domain.results import Result
from gongkai.catalog.domain.facts import NormativeDocFact, NormativeKind
from gongkai.reports.domain.layout import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    NORMATIVE_ROWS_2019,
    NORMATIVE_ROWS_2021,
    OTHER_ALL,
    OTHER_RESULTS,
    RESULTS_TOTAL,
    T3_TYPE_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    TOTAL,
    result_row_keys,
    t2_blocks,
    t2_key,
)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@dataclass
class Counted:
    """Cells keyed row -> column, and the record ids behind each non-total cell, keyed "row:column"."""

    cells: dict[str, dict[str, int | Decimal | None]]
    ids: dict[str, list[int]] = field(default_factory=dict)


def _zero_grid(rows, columns) -> dict[str, dict[str, int]]:
    return {row: dict.fromkeys(columns, 0) for row in rows}


def result_row_of(fact: ApplicationFact, *, trial_2019: bool) -> str:
    # A case closed without a recorded result (for example withdrawn) is counted under （六）3.其他: every
    # concluded application counts in exactly one result row (spec §3.6).
    result = fact.result or Result.OTHER
    if trial_2019 and result in OTHER_RESULTS:
        return OTHER_ALL
    return result.value


def count_table3(facts: Iterable[ApplicationFact], year: int, *, trial_2019: bool = False) -> Counted:
    """Table 三. 一: received in the year; 二: received before 1 January and not concluded before it;
    三: concluded in the year, one row per application; 四: not concluded by 31 December (spec §3.6, §7.3)."""
    start, end = year_bounds(year)
    results = result_row_keys(trial_2019)
    rows = (NEW, CARRIED_IN, *results, RESULTS_TOTAL, CARRIED_OUT)
    cells = _zero_grid(rows, (*T3_TYPE_COLUMNS, TOTAL))
    ids: dict[str, list[int]] = {}

    def add(row: str, column: str, case_id: int) -> None:
        cells[row][column] += 1
        ids.setdefault(f"{row}:{column}", []).append(case_id)

    for fact in facts:
        received, concluded = fact.received_on, fact.concluded_on
        if received > end or (concluded is not None and concluded < start):
            continue
        column = fact.applicant_type.value
        add(NEW if received >= start else CARRIED_IN, column, fact.case_id)
        if concluded is not None and concluded <= end:
            add(result_row_of(fact, trial_2019=trial_2019), column, fact.case_id)
            cells[RESULTS_TOTAL][column] += 1
        else:
            add(CARRIED_OUT, column, fact.case_id)
    for row in rows:
        cells[row][TOTAL] = sum(cells[row][c] for c in T3_TYPE_COLUMNS)
    return Counted(cells, ids)


def count_table4(facts: Iterable[AppealFact], year: int) -> Counted:
    """Table 四: reconsiderations and suits filed in the year, by their outcome as it stood on 31 December
    (an appeal decided later is 尚未审结 in this year's report)."""
    start, end = year_bounds(year)
    cells = _zero_grid(T4_GROUPS, T4_COLUMNS)
    ids: dict[str, list[int]] = {}
    for fact in facts:
        if not start <= fact.filed_on <= end:
            continue
        decided = fact.decided_on is not None and fact.decided_on <= end
        outcome = fact.outcome if decided and fact.outcome != AppealOutcome.PENDING else AppealOutcome.PENDING
        group = fact.kind.value
        cells[group][outcome.value] += 1
        cells[group][TOTAL] += 1
        ids.setdefault(f"{group}:{outcome.value}", []).append(fact.appeal_id)
    return Counted(cells, ids)


@dataclass(frozen=True)
class NormativeCounts:
    issued: dict[str, list[int]]
    abolished: dict[str, list[int]]
    in_force: dict[str, list[int]]


def count_normative(facts: Iterable[NormativeDocFact], year: int) -> NormativeCounts:
    """本年制发 (issued in the year), 本年废止 (abolished or expired in the year), 现行有效 (in force on
    31 December), per kind (规章 / 行政规范性文件), with item ids."""
    start, end = year_bounds(year)
    kinds = [k.value for k in NormativeKind]
    issued = {k: [] for k in kinds}
    abolished = {k: [] for k in kinds}
    in_force = {k: [] for k in kinds}
    for fact in facts:
        kind = fact.kind.value
        if start <= fact.issued_on <= end:
            issued[kind].append(fact.item_id)
        if fact.abolished_on is not None and start <= fact.abolished_on <= end:
            abolished[kind].append(fact.item_id)
        if fact.issued_on <= end and (fact.abolished_on is None or fact.abolished_on > end):
            in_force[kind].append(fact.item_id)
    return NormativeCounts(issued, abolished, in_force)


def count_table2(
    normative: NormativeCounts, declared: dict[str, Decimal], *, trial_2019: bool = False
) -> Counted:
    """Table 二. The normative-document cells come from the catalog; every other cell is a figure declared
    by staff (licensing, penalty and enforcement decisions and fee income are not records of this platform)
    and stays blank (None) until declared."""
    normative_rows = NORMATIVE_ROWS_2019 if trial_2019 else NORMATIVE_ROWS_2021
    by_column = (
        {"本年新制作数量": normative.issued, "本年新公开数量": normative.issued, "对外公开总数量": normative.in_force}
        if trial_2019
        else {"本年制发件数": normative.issued, "本年废止件数": normative.abolished, "现行有效件数": normative.in_force}
    )
    cells: dict[str, dict[str, int | Decimal | None]] = {}
    ids: dict[str, list[int]] = {}
    for block in t2_blocks(trial_2019):
        for row in block.rows:
            for column in block.columns:
                key = t2_key(block.heading, row, column)
                if row in normative_rows and column in by_column:
                    found = by_column[column][normative_rows[row]]
                    cells.setdefault(block.heading + "|" + row, {})[column] = len(found)
                    ids[key] = list(found)
                else:
                    cells.setdefault(block.heading + "|" + row, {})[column] = declared.get(key)
    return Counted(cells, ids)
