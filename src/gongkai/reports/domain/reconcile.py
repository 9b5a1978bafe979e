"""Reconciliation: every identity of the national format (spec identities, legal.md §7.4-§7.6) checked on a
report's tables, and the cross-year checks as warnings.

Tables are in the internal form (see ``layout``): table3[row][column], table4[group][column],
table2["heading|row"][column]. A blank cell (None) is counted as zero and listed as a warning. Errors
(``level == "error"``) block publication; warnings do not.
"""

from dataclasses import dataclass
from decimal import Decimal

from gongkai.reports.domain.layout import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    RESULTS_TOTAL,
    T2_AMOUNT_COLUMNS,
    T2_SIGNED_COLUMNS,
    T3_COLUMN_LABELS,
    T3_COLUMNS,
    T3_TYPE_COLUMNS,
    T4_COLUMN_LABELS,
    T4_COLUMNS,
    T4_GROUP_LABELS,
    T4_GROUPS,
    T4_LITIGATION,
    TOTAL,
    result_row_keys,
    table3_rows,
)

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    level: str
    code: str
    message: str
    cells: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"level": self.level, "code": self.code, "message": self.message, "cells": list(self.cells)}


def t3_cell_label(row: str, column: str, *, trial_2019: bool = False) -> str:
    rows = {r.key: r for r in table3_rows(trial_2019)}
    spec = rows.get(row)
    label = row if spec is None else (f"{spec.group}·{spec.label}" if spec.group else spec.label)
    if row == RESULTS_TOTAL:
        label = "三、本年度办理结果（七）总计"
    return f"表三 {label} / {T3_COLUMN_LABELS[column]}"


def t4_cell_label(group: str, column: str) -> str:
    prefix = "" if group == "reconsideration" else f"{T4_LITIGATION}·"
    return f"表四 {prefix}{T4_GROUP_LABELS[group]} / {T4_COLUMN_LABELS[column]}"


def _value(cell) -> int | Decimal:
    return 0 if cell is None else cell


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _cells_check(findings: list[Finding], label: str, value, *, amount=False, signed=False) -> None:
    if value is None:
        findings.append(Finding(WARNING, "blank", f"{label} 为空，按0计", (label,)))
    elif amount:
        if not isinstance(value, (int, Decimal)) or isinstance(value, bool) or value < 0:
            findings.append(Finding(ERROR, "not_amount", f"{label} 应为非负数额，实为 {value}", (label,)))
    elif signed:
        if not isinstance(value, int) or isinstance(value, bool):
            findings.append(Finding(ERROR, "not_integer", f"{label} 应为整数，实为 {value}", (label,)))
    elif not _is_count(value):
        findings.append(Finding(ERROR, "not_count", f"{label} 应为非负整数，实为 {value}", (label,)))


def _sum_check(findings, code, total_label, total, parts: list[tuple[str, object]], what: str) -> None:
    expected = sum(_value(v) for _, v in parts)
    if _value(total) != expected:
        detail = " + ".join(f"{_value(v)}" for _, v in parts)
        findings.append(
            Finding(
                ERROR,
                code,
                f"{what}不成立：{total_label} = {_value(total)}，而 {detail} = {expected}",
                (total_label, *(label for label, _ in parts)),
            )
        )


def check_table3(table3: dict, *, trial_2019: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    rows = [r.key for r in table3_rows(trial_2019)]
    results = result_row_keys(trial_2019)

    def cell(row, column):
        return table3.get(row, {}).get(column)

    def label(row, column):
        return t3_cell_label(row, column, trial_2019=trial_2019)

    for row in rows:
        for column in T3_COLUMNS:
            _cells_check(findings, label(row, column), cell(row, column))
    for row in rows:  # every row: 总计 = sum of the six applicant types
        _sum_check(findings, "row_total", label(row, TOTAL), cell(row, TOTAL),
                   [(label(row, c), cell(row, c)) for c in T3_TYPE_COLUMNS], "行合计")
    for column in T3_COLUMNS:  # every column: （七）总计 = sum of the result rows
        _sum_check(findings, "results_total", label(RESULTS_TOTAL, column), cell(RESULTS_TOTAL, column),
                   [(label(r, column), cell(r, column)) for r in results], "办理结果合计")
    for column in T3_COLUMNS:  # every column: 一 + 二 = 三（七）总计 + 四
        left = _value(cell(NEW, column)) + _value(cell(CARRIED_IN, column))
        right = _value(cell(RESULTS_TOTAL, column)) + _value(cell(CARRIED_OUT, column))
        if left != right:
            involved = (label(NEW, column), label(CARRIED_IN, column), label(RESULTS_TOTAL, column),
                        label(CARRIED_OUT, column))
            findings.append(Finding(
                ERROR, "balance",
                f"勾稽关系“一+二=三（七）+四”不成立（{T3_COLUMN_LABELS[column]}）："
                f"{_value(cell(NEW, column))} + {_value(cell(CARRIED_IN, column))} = {left}，"
                f"{_value(cell(RESULTS_TOTAL, column))} + {_value(cell(CARRIED_OUT, column))} = {right}",
                involved,
            ))
    return findings


def check_table4(table4: dict) -> list[Finding]:
    findings: list[Finding] = []
    for group in T4_GROUPS:
        values = table4.get(group, {})
        for column in T4_COLUMNS:
            _cells_check(findings, t4_cell_label(group, column), values.get(column))
        _sum_check(findings, "appeal_total", t4_cell_label(group, TOTAL), values.get(TOTAL),
                   [(t4_cell_label(group, c), values.get(c)) for c in T4_COLUMNS if c != TOTAL], "表四合计")
    return findings


def check_table2(table2: dict) -> list[Finding]:
    findings: list[Finding] = []
    for heading_row, columns in table2.items():
        heading, row = heading_row.split("|", 1)
        for column, value in columns.items():
            label = f"表二 {heading} {row} / {column}"
            _cells_check(findings, label, value, amount=column in T2_AMOUNT_COLUMNS,
                         signed=column in T2_SIGNED_COLUMNS)
    return findings


def check_report(tables: dict) -> list[Finding]:
    """All identities of one report. ``tables`` has "form" ("2021" or "2019") and table2/3/4."""
    trial = tables.get("form") == "2019"
    return [
        *check_table2(tables.get("table2", {})),
        *check_table3(tables.get("table3", {}), trial_2019=trial),
        *check_table4(tables.get("table4", {})),
    ]


def check_across_years(tables: dict, previous: dict) -> list[Finding]:
    """Warnings only: this year's 二 equals last year's 四 per column; 现行有效件数 ≈ last year's + 本年制发件数
    − 本年废止件数 (amendments legitimately break the second, spec §7.6)."""
    findings: list[Finding] = []
    trial, prev_trial = tables.get("form") == "2019", previous.get("form") == "2019"
    for column in T3_COLUMNS:
        now = _value(tables.get("table3", {}).get(CARRIED_IN, {}).get(column))
        before = _value(previous.get("table3", {}).get(CARRIED_OUT, {}).get(column))
        if now != before:
            findings.append(Finding(
                WARNING, "carry_over",
                f"本年“二、上年结转”（{T3_COLUMN_LABELS[column]}）为 {now}，上年“四、结转下年度继续办理”为 {before}",
                (t3_cell_label(CARRIED_IN, column, trial_2019=trial),
                 "上年" + t3_cell_label(CARRIED_OUT, column, trial_2019=prev_trial)),
            ))
    if not trial and not prev_trial:
        heading = "第二十条第（一）项"
        for row in ("规章", "行政规范性文件"):
            this = tables.get("table2", {}).get(f"{heading}|{row}", {})
            last = previous.get("table2", {}).get(f"{heading}|{row}", {})
            if not this or not last:
                continue
            expected = _value(last.get("现行有效件数")) + _value(this.get("本年制发件数")) - _value(this.get("本年废止件数"))
            if _value(this.get("现行有效件数")) != expected:
                findings.append(Finding(
                    WARNING, "in_force",
                    f"{row}现行有效件数为 {_value(this.get('现行有效件数'))}，上年现行有效件数加本年制发件数减本年废止件数为 "
                    f"{expected}（如有修订可能属正常）",
                    (f"表二 {heading} {row} / 现行有效件数", f"上年表二 {heading} {row} / 现行有效件数"),
                ))
    return findings


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == ERROR]
