"""The tables as grids of cells with spans, in the layout of the official format, so that every renderer
(HTML, PDF, DOCX, XLSX) draws the same table from the same snapshot."""

from dataclasses import dataclass
from decimal import Decimal

from gongkai.reports.domain.layout import (
    CARRIED_IN,
    CARRIED_OUT,
    LEGAL_PERSON,
    NEW,
    T2_CONTENT_HEADER,
    T3_COLUMN_LABELS,
    T3_COLUMNS,
    T3_CORNER_NOTE,
    T3_HEADING,
    T3_TOP_LABELS,
    T3_TYPE_COLUMNS,
    T4_COLUMN_LABELS,
    T4_COLUMNS,
    T4_GROUP_LABELS,
    T4_GROUPS,
    T4_LITIGATION,
    t2_blocks,
    table3_rows,
)


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    head: bool = False
    drill: tuple[str, str, str] | None = None  # (table, row, column) for the records behind a number
    number: bool = False
    note: str = ""                              # e.g. "declared": shown to staff
    link: str | None = None                     # set by an interface that offers drill-down


@dataclass
class Grid:
    key: str
    title: str
    width: int
    header_rows: int
    rows: list[list[Cell]]


def fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value != 0 else "0"
    return str(value)


def _value(value, drill, note="") -> Cell:
    return Cell(fmt(value), drill=drill, number=True, note=note)


def table2_grid(tables: dict, declared_keys: frozenset[str] = frozenset()) -> Grid:
    trial = tables["form"] == "2019"
    blocks = t2_blocks(trial)
    width = 1 + max(len(b.columns) for b in blocks)
    rows: list[list[Cell]] = []
    for block in blocks:
        rows.append([Cell(block.heading, colspan=width, head=True)])
        span_last = width - len(block.columns)
        header = [Cell(T2_CONTENT_HEADER, head=True)]
        for i, column in enumerate(block.columns):
            header.append(Cell(column, head=True, colspan=span_last if i == len(block.columns) - 1 else 1))
        rows.append(header)
        for row in block.rows:
            values = tables["table2"].get(f"{block.heading}|{row}", {})
            line = [Cell(row)]
            for i, column in enumerate(block.columns):
                key = f"{block.heading}|{row}|{column}"
                cell = _value(values.get(column), ("table2", f"{block.heading}|{row}", column),
                              "declared" if key in declared_keys else "")
                cell.colspan = span_last if i == len(block.columns) - 1 else 1
                line.append(cell)
            rows.append(line)
    return Grid("table2", "二、主动公开政府信息情况", width, 0, rows)


def table3_grid(tables: dict) -> Grid:
    trial = tables["form"] == "2019"
    table3 = tables["table3"]
    rows: list[list[Cell]] = [
        [Cell(T3_CORNER_NOTE, colspan=3, rowspan=3, head=True), Cell(T3_HEADING, colspan=7, head=True)],
        [Cell(T3_COLUMN_LABELS["natural_person"], rowspan=2, head=True),
         Cell(LEGAL_PERSON, colspan=5, head=True), Cell(T3_COLUMN_LABELS["total"], rowspan=2, head=True)],
        [Cell(T3_COLUMN_LABELS[c], head=True) for c in T3_TYPE_COLUMNS[1:]],
    ]
    specs = table3_rows(trial)
    result_specs = [s for s in specs if s.key not in (NEW, CARRIED_IN, CARRIED_OUT)]
    group_sizes: dict[str, int] = {}
    for spec in result_specs:
        if spec.group:
            group_sizes[spec.group] = group_sizes.get(spec.group, 0) + 1
    seen_groups: set[str] = set()
    for spec in specs:
        values = [_value(table3[spec.key][c], ("table3", spec.key, c)) for c in T3_COLUMNS]
        if spec.key in (NEW, CARRIED_IN, CARRIED_OUT):
            rows.append([Cell(spec.label, colspan=3), *values])
            continue
        line: list[Cell] = []
        if spec is result_specs[0]:
            line.append(Cell(T3_TOP_LABELS["results"], rowspan=len(result_specs)))
        if spec.group:
            if spec.group not in seen_groups:
                seen_groups.add(spec.group)
                line.append(Cell(spec.group, rowspan=group_sizes[spec.group]))
            line.append(Cell(spec.label))
        else:
            line.append(Cell(spec.label, colspan=2))
        rows.append([*line, *values])
    return Grid("table3", "三、收到和处理政府信息公开申请情况", 10, 3, rows)


def table4_grid(tables: dict) -> Grid:
    table4 = tables["table4"]
    rows = [
        [Cell(T4_GROUP_LABELS["reconsideration"], colspan=5, head=True), Cell(T4_LITIGATION, colspan=10, head=True)],
        [*(Cell(T4_COLUMN_LABELS[c], rowspan=2, head=True) for c in T4_COLUMNS),
         Cell(T4_GROUP_LABELS["direct_suit"], colspan=5, head=True),
         Cell(T4_GROUP_LABELS["suit_after_reconsideration"], colspan=5, head=True)],
        [Cell(T4_COLUMN_LABELS[c], head=True) for _ in range(2) for c in T4_COLUMNS],
        [_value(table4[g][c], ("table4", g, c)) for g in T4_GROUPS for c in T4_COLUMNS],
    ]
    return Grid("table4", "四、政府信息公开行政复议、行政诉讼情况", 15, 3, rows)


def placed(grid: Grid):
    """(row, column, cell) with absolute positions, skipping positions covered by an earlier span."""
    taken: set[tuple[int, int]] = set()
    for r, line in enumerate(grid.rows):
        c = 0
        for cell in line:
            while (r, c) in taken:
                c += 1
            yield r, c, cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
