"""Plain text of a report for the terminal: the narrative and, for a 2008-era report, the counted figures;
for the national forms, the tables row by row."""

from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.grid import fmt
from gongkai.reports.domain.layout import T3_COLUMN_LABELS, T3_COLUMNS, table3_rows
from gongkai.reports.domain.snapshot import tables_of
from gongkai.reports.renderers.document import Document

PART_TITLES = {"overview": "概述", "proactive": "主动公开", "requests": "依申请公开", "fees": "收费及减免",
               "appeals": "行政复议和行政诉讼"}


def render_text(document: Document) -> str:
    lines = [document.title, f"（{document.form_label}；汇总机构 {len(document.scope)} 个）", ""]
    if document.form == ReportForm.LEGACY:
        lines.append("【由记录统计的数字】")
        for part, title in PART_TITLES.items():
            figures = [f for f in document.figures if f["part"] == part and f["value"] is not None]
            if figures:
                lines.append(f"{title}：")
                lines += [f"  {f['label']}：{f['text']}{f['unit']}" for f in figures]
        lines.append("")
    lines += document.preamble
    for section in document.sections:
        lines.append(section.title)
        lines += section.paragraphs
        if section.grid is not None and section.grid.key == "table3":
            tables = tables_of(document.snapshot)
            lines.append("  " + " | ".join(T3_COLUMN_LABELS[c] for c in T3_COLUMNS))
            for row in table3_rows(tables["form"] == "2019"):
                values = " | ".join(fmt(tables["table3"][row.key][c]) for c in T3_COLUMNS)
                lines.append(f"  {row.group or ''}{row.label}：{values}")
        elif section.grid is not None:
            for line in section.grid.rows:
                lines.append("  " + " | ".join(cell.text for cell in line))
    if document.published_on:
        lines += ["", document.agency, document.published_on]
    findings = [f for f in document.snapshot.get("findings", []) if f["level"] == "error"]
    if findings:
        lines.append("")
        lines.append(f"勾稽关系不成立 {len(findings)} 项：")
        lines += [f"  {f['message']}" for f in findings]
    return "\n".join(lines) + "\n"
