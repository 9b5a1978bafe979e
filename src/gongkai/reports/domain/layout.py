"""Exact labels and the shape of tables 二, 三 and 四 (spec annual_report_2021.json, legal.md §3.3-§3.7).

Tables are computed and checked with stable internal keys; labels appear only where a table is shown or
exchanged. Labels are reproduced character for character (full-width （）, curly “”, ASCII "1.").
"""

from dataclasses import dataclass

from gongkai.cases.domain.appeals import (
    APPEAL_KIND_LABELS,
    APPEAL_OUTCOME_LABELS,
    LITIGATION_HEADING,
    AppealKind,
)
from gongkai.cases.domain.applicants import APPLICANT_TYPE_LABELS, COLUMN_ORDER, LEGAL_PERSON_HEADING
from gongkai.cases.domain.results import RESULT_ROWS, TRIAL_2019_OTHER_LABEL, Result, ResultGroup

# --- table 三 -------------------------------------------------------------------------------------------
T3_CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_HEADING = "申请人情况"
TOTAL = "total"
T3_COLUMNS: tuple[str, ...] = (*(c.value for c in COLUMN_ORDER), TOTAL)
T3_COLUMN_LABELS = {**{c.value: label for c, label in APPLICANT_TYPE_LABELS.items()}, TOTAL: "总计"}
T3_TYPE_COLUMNS = T3_COLUMNS[:-1]
LEGAL_PERSON = LEGAL_PERSON_HEADING

NEW, CARRIED_IN, RESULTS_TOTAL, CARRIED_OUT = "new", "carried_in", "results_total", "carried_out"
OTHER_ALL = "other_all"  # the single （六）其他处理 row of the 2019 trial format
T3_TOP_LABELS = {
    NEW: "一、本年新收政府信息公开申请数量",
    CARRIED_IN: "二、上年结转政府信息公开申请数量",
    "results": "三、本年度办理结果",
    RESULTS_TOTAL: "（七）总计",
    CARRIED_OUT: "四、结转下年度继续办理",
}
OTHER_RESULTS = (Result.OTHER_NO_CORRECTION, Result.OTHER_UNPAID_FEE, Result.OTHER)


@dataclass(frozen=True)
class T3Row:
    key: str
    label: str
    group: str | None  # the （三）-（六） group label for sub-rows, None otherwise


def table3_rows(trial_2019: bool = False) -> tuple[T3Row, ...]:
    """The 25 data rows (2021) or 23 (2019 trial: （六） is one row), in table order."""
    rows = [T3Row(NEW, T3_TOP_LABELS[NEW], None), T3Row(CARRIED_IN, T3_TOP_LABELS[CARRIED_IN], None)]
    for spec in RESULT_ROWS:
        if trial_2019 and spec.result in OTHER_RESULTS:
            if spec.result == OTHER_RESULTS[0]:
                rows.append(T3Row(OTHER_ALL, TRIAL_2019_OTHER_LABEL, None))
            continue
        grouped = spec.group not in (ResultGroup.DISCLOSED, ResultGroup.PARTIAL)
        rows.append(T3Row(spec.result.value, spec.label, spec.group.value if grouped else None))
    rows.append(T3Row(RESULTS_TOTAL, T3_TOP_LABELS[RESULTS_TOTAL], None))
    rows.append(T3Row(CARRIED_OUT, T3_TOP_LABELS[CARRIED_OUT], None))
    return tuple(rows)


def result_row_keys(trial_2019: bool = False) -> tuple[str, ...]:
    """Rows summed by （七）总计."""
    return tuple(r.key for r in table3_rows(trial_2019) if r.key not in (NEW, CARRIED_IN, RESULTS_TOTAL, CARRIED_OUT))


# --- table 四 -------------------------------------------------------------------------------------------
T4_GROUPS: tuple[str, ...] = tuple(k.value for k in AppealKind)
T4_GROUP_LABELS = {k.value: label for k, label in APPEAL_KIND_LABELS.items()}
T4_LITIGATION = LITIGATION_HEADING
T4_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", TOTAL)
T4_COLUMN_LABELS = {**{k.value: label for k, label in APPEAL_OUTCOME_LABELS.items()}, TOTAL: "总计"}


# --- table 二 -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class T2Block:
    heading: str
    columns: tuple[str, ...]
    rows: tuple[str, ...]


T2_2021 = (
    T2Block("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "行政规范性文件")),
    T2Block("第二十条第（五）项", ("本年处理决定数量",), ("行政许可",)),
    T2Block("第二十条第（六）项", ("本年处理决定数量",), ("行政处罚", "行政强制")),
    T2Block("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("行政事业性收费",)),
)
T2_2019 = (
    T2Block("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"), ("规章", "规范性文件")),
    T2Block("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("行政许可", "其他对外管理服务事项")),
    T2Block("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("行政处罚", "行政强制")),
    T2Block("第二十条第（八）项", ("上一年项目数量", "本年增/减"), ("行政事业性收费",)),
    T2Block("第二十条第（九）项", ("采购项目数量", "采购总金额"), ("政府集中采购",)),
)
T2_CONTENT_HEADER = "信息内容"
FEE_COLUMN = "本年收费金额（单位：万元）"
# Cells that are amounts, not counts; "本年增/减" may be negative.
T2_AMOUNT_COLUMNS = frozenset({FEE_COLUMN, "采购总金额"})
T2_SIGNED_COLUMNS = frozenset({"本年增/减"})


def t2_blocks(trial_2019: bool) -> tuple[T2Block, ...]:
    return T2_2019 if trial_2019 else T2_2021


def t2_key(heading: str, row: str, column: str) -> str:
    return f"{heading}|{row}|{column}"


def t2_cells(trial_2019: bool) -> tuple[tuple[str, str, str], ...]:
    return tuple((b.heading, r, c) for b in t2_blocks(trial_2019) for r in b.rows for c in b.columns)


# Rows of the first block computed from the catalog's normative documents; the rest are declared by staff
# unless a record-based source exists (spec: 许可/处罚/强制 decisions and fee income are not platform records).
NORMATIVE_ROWS_2021 = {"规章": "rule", "行政规范性文件": "normative"}
NORMATIVE_ROWS_2019 = {"规章": "rule", "规范性文件": "normative"}
