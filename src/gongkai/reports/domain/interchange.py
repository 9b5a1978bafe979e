"""The interchange JSON of a report (spec ``interchange_json_example``): table2 / table3 / table4 keyed by
the exact labels. ``to_interchange`` writes it from internal tables; ``parse_interchange`` reads any
report in it — unknown top-level keys are ignored, the 2021 or 2019 trial format is recognised from the
tables, and a missing or null cell becomes a blank (None) that reconciliation lists as a warning.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from gongkai.core.domain.errors import ValidationFailed
from gongkai.core.domain.errors import gettext_noop as _
from gongkai.reports.domain.layout import (
    OTHER_ALL,
    RESULTS_TOTAL,
    T2_AMOUNT_COLUMNS,
    T3_COLUMN_LABELS,
    T3_COLUMNS,
    T3_TOP_LABELS,
    T4_COLUMN_LABELS,
    T4_COLUMNS,
    T4_GROUP_LABELS,
    T4_GROUPS,
    T4_LITIGATION,
    t2_blocks,
    table3_rows,
)
from gongkai.reports.domain.reconcile import ERROR, Finding

RESULTS = T3_TOP_LABELS["results"]
OTHER_GROUP = "（六）其他处理"


def _path(row, trial_2019: bool) -> tuple[str, ...]:
    """Where a table-三 row sits in the interchange nesting."""
    if row.key == RESULTS_TOTAL:
        return (RESULTS, row.label)
    if row.key == OTHER_ALL:
        return (RESULTS, OTHER_GROUP)
    if row.key in T3_TOP_LABELS and row.key != "results":
        return (row.label,)
    return (RESULTS, row.group, row.label) if row.group else (RESULTS, row.label)


def _number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_interchange(tables: dict, *, year: int, agency: str) -> dict:
    trial = tables["form"] == "2019"
    table2: dict = {}
    for block in t2_blocks(trial):
        for row in block.rows:
            values = tables["table2"].get(f"{block.heading}|{row}", {})
            table2.setdefault(block.heading, {})[row] = {c: _number(values.get(c)) for c in block.columns}
    table3: dict = {}
    for row in table3_rows(trial):
        node = table3
        *parents, leaf = _path(row, trial)
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = {T3_COLUMN_LABELS[c]: tables["table3"][row.key][c] for c in T3_COLUMNS}
    table4: dict = {}
    for group in T4_GROUPS:
        values = {T4_COLUMN_LABELS[c]: tables["table4"][group][c] for c in T4_COLUMNS}
        if group == "reconsideration":
            table4[T4_GROUP_LABELS[group]] = values
        else:
            table4.setdefault(T4_LITIGATION, {})[T4_GROUP_LABELS[group]] = values
    return {"year": year, "agency": agency, "format": tables["form"], "table2": table2, "table3": table3,
            "table4": table4}


class InterchangeError(ValidationFailed, ValueError):
    """A file that is not an annual report in the interchange format."""

    code = "reports.not_interchange"


@dataclass
class Parsed:
    tables: dict
    year: int | None
    agency: str
    findings: list[Finding] = field(default_factory=list)


def recognise_form(data: dict) -> str:
    other = (data.get("table3") or {}).get(RESULTS, {}).get(OTHER_GROUP)
    if isinstance(other, dict) and other:
        if any(isinstance(v, dict) for v in other.values()):
            return "2021"
        if set(other) & set(T3_COLUMN_LABELS.values()):
            return "2019"
    headings = data.get("table2") or {}
    first = headings.get("第二十条第（一）项") if isinstance(headings, dict) else None
    if isinstance(first, dict):
        if "规范性文件" in first or "第二十条第（九）项" in headings:
            return "2019"
    return "2021"


def _cell(raw, label: str, findings: list[Finding], *, amount: bool = False):
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        findings.append(Finding(ERROR, "not_number", f"{label} 不是数字：{raw!r}", (label,)))
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        value = Decimal(str(raw))
        return int(value) if not amount and value == value.to_integral_value() else value
    if isinstance(raw, str):
        try:
            value = Decimal(raw.replace(",", "").strip())
        except InvalidOperation:
            findings.append(Finding(ERROR, "not_number", f"{label} 不是数字：{raw!r}", (label,)))
            return None
        return int(value) if not amount and value == value.to_integral_value() else value
    findings.append(Finding(ERROR, "not_number", f"{label} 不是数字：{raw!r}", (label,)))
    return None


def _dig(data, path):
    node = data
    for part in path:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def parse_interchange(data) -> Parsed:
    if not isinstance(data, dict):
        raise InterchangeError(_("文件内容应为一个 JSON 对象（含 table2、table3、table4）"), code="reports.not_object")
    if not any(isinstance(data.get(k), dict) for k in ("table2", "table3", "table4")):
        raise InterchangeError(_("文件中没有 table2、table3 或 table4，不是年度报告交换格式"), code="reports.not_interchange")
    form = recognise_form(data)
    trial = form == "2019"
    findings: list[Finding] = []
    table3: dict = {}
    for row in table3_rows(trial):
        values = _dig(data.get("table3") or {}, _path(row, trial)) or {}
        table3[row.key] = {
            c: _cell(values.get(T3_COLUMN_LABELS[c]) if isinstance(values, dict) else None,
                     f"表三 {row.label} / {T3_COLUMN_LABELS[c]}", findings)
            for c in T3_COLUMNS
        }
    table4: dict = {}
    for group in T4_GROUPS:
        path = (T4_GROUP_LABELS[group],) if group == "reconsideration" else (T4_LITIGATION, T4_GROUP_LABELS[group])
        values = _dig(data.get("table4") or {}, path) or {}
        table4[group] = {
            c: _cell(values.get(T4_COLUMN_LABELS[c]) if isinstance(values, dict) else None,
                     f"表四 {T4_GROUP_LABELS[group]} / {T4_COLUMN_LABELS[c]}", findings)
            for c in T4_COLUMNS
        }
    table2: dict = {}
    for block in t2_blocks(trial):
        for row in block.rows:
            values = _dig(data.get("table2") or {}, (block.heading, row)) or {}
            table2[f"{block.heading}|{row}"] = {
                c: _cell(values.get(c) if isinstance(values, dict) else None, f"表二 {block.heading} {row} / {c}",
                         findings, amount=c in T2_AMOUNT_COLUMNS)
                for c in block.columns
            }
    year = data.get("year")
    if isinstance(year, str) and year.isdigit():
        year = int(year)
    return Parsed({"form": form, "table2": table2, "table3": table3, "table4": table4},
                  year if isinstance(year, int) else None, str(data.get("agency") or ""), findings)
