"""``gongkai report check``: read a report in the interchange JSON and print each failed identity."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from gongkai.reports.domain.interchange import InterchangeError, parse_interchange
from gongkai.reports.domain.reconcile import ERROR, check_across_years, check_report

FORMAT_NAMES = {"2021": "国办公开办函〔2021〕30号格式", "2019": "国办公开办函〔2019〕60号试行格式"}


def read_interchange(path: str):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"找不到文件：{path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path} 不是有效的 UTF-8 JSON：{exc}") from None
    try:
        return parse_interchange(data)
    except InterchangeError as exc:
        raise CommandError(f"{path}：{exc}") from None


def run_check(path: str, previous: str | None, *, write) -> bool:
    parsed = read_interchange(path)
    findings = parsed.findings + check_report(parsed.tables)
    if previous:
        findings += check_across_years(parsed.tables, read_interchange(previous).tables)
    errors = [f for f in findings if f.level == ERROR]
    warnings = [f for f in findings if f.level != ERROR]
    year = f"{parsed.year}年度" if parsed.year else "年度未注明"
    write(f"{path}：{FORMAT_NAMES[parsed.tables['form']]}，{year}{('，' + parsed.agency) if parsed.agency else ''}")
    for finding in errors:
        write(f"不成立：{finding.message}")
        if len(finding.cells) > 1:
            write("  涉及：" + "；".join(finding.cells))
    blanks = [f for f in warnings if f.code == "blank"]
    if blanks:
        write(f"空白单元格 {len(blanks)} 个（按0计）：")
        for finding in blanks:
            write(f"  {finding.cells[0]}")
    for finding in warnings:
        if finding.code != "blank":
            write(f"警告：{finding.message}")
    if errors:
        write(f"结论：{len(errors)} 项勾稽关系不成立。")
        return False
    write("结论：全部勾稽关系成立。" + (f"（{len(warnings)} 项警告）" if warnings else ""))
    return True
