"""Checking the rows of a catalog import (CSV/XLSX): every bad row is reported with its line number and reason;
the import writes nothing unless every row passes. Pure: lookups are passed in."""

import datetime as dt
import re
from dataclasses import dataclass, field

from gongkai.catalog.domain.disclosure import SCOPE_LABELS, VALIDITY_LABELS, Validity
from gongkai.catalog.domain.facts import CHANNEL_LABELS, NORMATIVE_KIND_LABELS
from gongkai.catalog.domain.index_numbers import parse_index_number

# Column headers (exact) → field. 名称 and 发布日期 are required; 发布机构 unless an agency is given.
COLUMNS = {
    "名称": "title", "内容概述": "summary", "正文": "body", "文号": "doc_number", "成文日期": "written_on",
    "发布日期": "published_on", "索引号": "index_number", "发布机构": "agency", "主题分类": "topic", "体裁": "genre",
    "内容类别": "category", "重点领域": "focus", "法定主动公开内容": "statutory_item", "关键词": "keywords",
    "公开方式": "disclosure_mode", "公开范围": "scope", "有效性": "validity", "失效/废止日期": "validity_changed_on",
    "规范性文件类别": "normative_kind", "施行日期": "effective_on", "发布渠道": "channels",
}
REQUIRED = ("名称", "发布日期")
TERM_COLUMNS = {"topic": "主题分类", "genre": "体裁", "category": "内容类别", "focus": "重点领域",
                "statutory_item": "法定主动公开内容"}
DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行" + (f"【{self.column}】" if self.column else "") + f"：{self.message}"


@dataclass
class ParsedRow:
    line: int
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Lookups:
    terms: dict[str, dict[str, int]]          # scheme field → {code or label: term id}
    agencies: dict[str, int]                  # agency code → id
    default_agency: int | None
    existing_index_numbers: frozenset[str]
    today: dt.date


def parse_date(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    m = DATE_RE.match(value)
    if not m:
        raise ValueError("日期格式应为 YYYY-MM-DD")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError("日期不存在") from None


def header_problems(header: list[str], *, agency_given: bool) -> list[str]:
    problems = []
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        problems.append(f"无法识别的列：{'、'.join(unknown)}（可用列：{'、'.join(COLUMNS)}）")
    required = [*REQUIRED, *([] if agency_given else ["发布机构"])]
    missing = [h for h in required if h not in header]
    if missing:
        problems.append(f"缺少必需的列：{'、'.join(missing)}")
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        problems.append(f"列重复：{'、'.join(duplicated)}")
    return problems


CHANNEL_BY_LABEL = {label: code.value for code, label in CHANNEL_LABELS.items()}
VALIDITY_BY_LABEL = {label: code.value for code, label in VALIDITY_LABELS.items()}
SCOPE_BY_LABEL = {label: code.value for code, label in SCOPE_LABELS.items()}
NORMATIVE_BY_LABEL = {label: code.value for code, label in NORMATIVE_KIND_LABELS.items()}


def check_row(line: int, raw: dict[str, str], lookups: Lookups, seen_index: set[str]) -> tuple[ParsedRow, list[RowError]]:
    errors: list[RowError] = []
    values: dict = {}

    def bad(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    def text(column: str, limit: int) -> str:
        value = (raw.get(column) or "").strip()
        if len(value) > limit:
            bad(column, f"不能超过{limit}字")
        return value

    values["title"] = text("名称", 300)
    if not values["title"]:
        bad("名称", "不能为空")
    values["summary"] = text("内容概述", 5000)
    values["body"] = raw.get("正文") or ""
    values["doc_number"] = text("文号", 100)
    values["keywords"] = text("关键词", 200)
    for column, name in (("成文日期", "written_on"), ("发布日期", "published_on"), ("施行日期", "effective_on"),
                         ("失效/废止日期", "validity_changed_on")):
        try:
            values[name] = parse_date(raw.get(column) or "")
        except ValueError as exc:
            bad(column, f"“{raw.get(column)}”{exc}")
            values[name] = None
    if values["published_on"] is None and not any(e.column == "发布日期" for e in errors):
        bad("发布日期", "不能为空")
    if values["published_on"] and values["published_on"] > lookups.today:
        bad("发布日期", "不能晚于今天")
    if values["written_on"] and values["published_on"] and values["written_on"] > values["published_on"]:
        bad("成文日期", "不能晚于发布日期")

    agency_code = (raw.get("发布机构") or "").strip()
    if agency_code:
        values["agency_id"] = lookups.agencies.get(agency_code)
        if values["agency_id"] is None:
            bad("发布机构", f"机构代码“{agency_code}”不存在或无权导入")
    elif lookups.default_agency is not None:
        values["agency_id"] = lookups.default_agency
    else:
        bad("发布机构", "不能为空")

    for name, column in TERM_COLUMNS.items():
        value = (raw.get(column) or "").strip()
        values[f"{name}_id"] = None
        if value:
            values[f"{name}_id"] = lookups.terms.get(name, {}).get(value)
            if values[f"{name}_id"] is None:
                bad(column, f"“{value}”不是已有的分类")

    mode = (raw.get("公开方式") or "主动公开").strip()
    if mode != "主动公开":
        bad("公开方式", "只能导入已主动公开的信息（依申请公开、不予公开的信息请逐件登记并填写依据）")
    scope = (raw.get("公开范围") or "面向全社会").strip()
    values["scope"] = SCOPE_BY_LABEL.get(scope)
    if values["scope"] is None:
        bad("公开范围", f"应为{'、'.join(SCOPE_BY_LABEL)}之一")
    validity = (raw.get("有效性") or "有效").strip()
    values["validity"] = VALIDITY_BY_LABEL.get(validity)
    if values["validity"] is None:
        bad("有效性", f"应为{'、'.join(VALIDITY_BY_LABEL)}之一")
    elif values["validity"] != Validity.VALID and values["validity_changed_on"] is None:
        bad("失效/废止日期", f"有效性为“{validity}”时必须填写")
    kind = (raw.get("规范性文件类别") or "").strip()
    values["normative_kind"] = NORMATIVE_BY_LABEL.get(kind, "") if kind else ""
    if kind and not values["normative_kind"]:
        bad("规范性文件类别", f"应为{'、'.join(NORMATIVE_BY_LABEL)}之一")

    channels = [c for c in re.split(r"[；;、,，\s]+", (raw.get("发布渠道") or "门户网站").strip()) if c]
    values["channels"] = []
    for label in channels:
        if label in CHANNEL_BY_LABEL:
            values["channels"].append(CHANNEL_BY_LABEL[label])
        else:
            bad("发布渠道", f"“{label}”不是已知渠道（{'、'.join(CHANNEL_BY_LABEL)}）")
    values["channels"] = list(dict.fromkeys(values["channels"]))

    number = (raw.get("索引号") or "").strip()
    values["index_number"] = number
    if number:
        if parse_index_number(number) is None or len(number) > 40:
            bad("索引号", f"“{number}”格式不正确（应如 000014349/2018-00222）")
        elif number in lookups.existing_index_numbers:
            bad("索引号", f"“{number}”已被使用")
        elif number in seen_index:
            bad("索引号", f"“{number}”在文件中重复")
        seen_index.add(number)
    return ParsedRow(line, values), errors


def check_rows(rows: list[dict[str, str]], lookups: Lookups, *, first_line: int = 2) -> tuple[list[ParsedRow], list[RowError]]:
    parsed, errors, seen = [], [], set()
    for offset, raw in enumerate(rows):
        row, row_errors = check_row(first_line + offset, raw, lookups, seen)
        parsed.append(row)
        errors.extend(row_errors)
    return parsed, errors
