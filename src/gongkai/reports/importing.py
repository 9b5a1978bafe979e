"""Reading past reports: the interchange JSON, or a workbook laid out like the official tables (as this
platform writes it: sheets 表二, 表三, 表四, labels in the row headers). Both become interchange data and are
checked by the same parser."""

import io
import json
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from gongkai.reports.domain.interchange import (
    OTHER_GROUP,
    RESULTS,
    InterchangeError,
    Parsed,
    parse_interchange,
)
from gongkai.reports.domain.layout import (
    T2_2019,
    T2_2021,
    T3_COLUMN_LABELS,
    T3_COLUMNS,
    T4_COLUMN_LABELS,
    T4_COLUMNS,
    T4_GROUP_LABELS,
    T4_GROUPS,
    T4_LITIGATION,
    table3_rows,
)

MAX_BYTES = 5 * 1024 * 1024


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _find_row(rows, label: str) -> int | None:
    for index, row in enumerate(rows):
        if any(_text(v) == label for v in row):
            return index
    return None


def _header_columns(rows, labels: list[str], before: int | None = None) -> dict[str, int]:
    """Column index of each label, from the nearest header rows above ``before`` (a header may span two
    rows: 自然人 and 总计 sit a row above 商业企业 … 其他)."""
    end = len(rows) if before is None else before
    found: dict[str, int] = {}
    header_rows = 0
    for index in range(end - 1, -1, -1):
        hits = {_text(v): i for i, v in enumerate(rows[index]) if _text(v) in labels}
        if hits:
            header_rows += 1
            for label, i in hits.items():
                found.setdefault(label, i)
        elif header_rows:
            break
        if len(found) == len(labels) or header_rows >= 3:
            break
    return found


def _value(v):
    if v is None or _text(v) == "":
        return None
    if isinstance(v, (int, float, Decimal)):
        return v
    return _text(v)


def _table3(rows, trial: bool) -> dict:
    labels = [T3_COLUMN_LABELS[c] for c in T3_COLUMNS]
    table: dict = {}
    for row in table3_rows(trial):
        index = _find_row(rows, row.label)
        if index is None:
            continue
        columns = _header_columns(rows, labels, before=index)
        values = {label: _value(rows[index][i]) for label, i in columns.items() if i < len(rows[index])}
        if row.key == "results_total":
            table.setdefault(RESULTS, {})[row.label] = values
        elif row.key == "other_all":
            table.setdefault(RESULTS, {})[OTHER_GROUP] = values
        elif row.group:
            table.setdefault(RESULTS, {}).setdefault(row.group, {})[row.label] = values
        elif row.key in ("new", "carried_in", "carried_out"):
            table[row.label] = values
        else:
            table.setdefault(RESULTS, {})[row.label] = values
    return table


def _table4(rows) -> dict:
    labels = [T4_COLUMN_LABELS[c] for c in T4_COLUMNS]
    positions = sorted((i, r) for r, row in enumerate(rows) for i, v in enumerate(row) if _text(v) in labels)
    if len(positions) < 15:
        return {}
    columns = [i for i, _ in positions[:15]]
    last_header = max(r for _, r in positions)
    values_row = next((row for row in rows[last_header + 1:] if any(_value(v) is not None for v in row)), None)
    if values_row is None:
        return {}
    table: dict = {}
    for g, group in enumerate(T4_GROUPS):
        values = {T4_COLUMN_LABELS[c]: _value(values_row[columns[g * 5 + k]]) for k, c in enumerate(T4_COLUMNS)}
        if group == "reconsideration":
            table[T4_GROUP_LABELS[group]] = values
        else:
            table.setdefault(T4_LITIGATION, {})[T4_GROUP_LABELS[group]] = values
    return table


def _table2(rows, trial: bool) -> dict:
    table: dict = {}
    for block in T2_2019 if trial else T2_2021:
        start = _find_row(rows, block.heading)
        if start is None:
            continue
        for row in block.rows:
            index = _find_row(rows[start:], row)
            if index is None:
                continue
            index += start
            columns = _header_columns(rows, list(block.columns), before=index)
            table.setdefault(block.heading, {})[row] = {
                label: _value(rows[index][i]) for label, i in columns.items() if i < len(rows[index])
            }
    return table


def workbook_to_interchange(content: bytes) -> dict:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InterchangeError(_("不是有效的 XLSX 工作簿：%(error)s"), code="reports.bad_xlsx", error=exc.__class__.__name__) from None
    sheets = {name: _sheet_rows(book[name]) for name in book.sheetnames}
    everything = [row for rows in sheets.values() for row in rows]
    trial = _find_row(everything, "规范性文件") is not None or _find_row(everything, "3.其他") is None
    pick = {key: sheets.get(name, everything) for key, name in (("t2", "表二"), ("t3", "表三"), ("t4", "表四"))}
    data = {"table2": _table2(pick["t2"], trial), "table3": _table3(pick["t3"], trial), "table4": _table4(pick["t4"])}
    if not any(data.values()):
        # A six-part (2008-form) report's workbook holds figures, not the national tables the history is for.
        raise InterchangeError(_("工作簿中没有表二、表三、表四（六部分格式的报告没有国家统一表格），未导入"), code="reports.no_tables")
    # The particulars sheet this platform writes (说明: 机构, 机构代码, 年度) says whose report and which year.
    particulars = {_text(row[0]): row[1] for row in sheets.get("说明", []) if len(row) > 1 and row[0] is not None}
    if particulars.get("年度") is not None:
        data["year"] = _text(particulars["年度"])
    agency = _text(particulars.get("机构代码")) or _text(particulars.get("机构"))
    if agency:
        data["agency"] = agency
    return data


def read_past_report(name: str, content: bytes) -> Parsed:
    if len(content) > MAX_BYTES:
        raise InterchangeError(_("文件超过 5 MB"), code="reports.file_too_large")
    lower = name.lower()
    if lower.endswith(".json"):
        try:
            data = json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InterchangeError(_("不是有效的 UTF-8 JSON：%(exc)s"), code="reports.bad_json", exc=exc) from None
    elif lower.endswith(".xlsx"):
        data = workbook_to_interchange(content)
    else:
        raise InterchangeError(_("只能导入 .json 或 .xlsx 文件"), code="reports.bad_file_type")
    return parse_interchange(data)
