"""The one data object every renderer draws: a report's sections in order, with narrative paragraphs and
grid tables, built from a frozen snapshot and the narrative."""

from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.reports.domain.forms import FORM_LABELS, LEGACY_PREAMBLE, ReportForm, sections
from gongkai.reports.domain.grid import Grid, fmt, table2_grid, table3_grid, table4_grid
from gongkai.reports.domain.snapshot import tables_of


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    grid: Grid | None = None


@dataclass
class Document:
    title: str
    agency: str
    year: int
    form: ReportForm
    form_label: str
    version: int
    status: str
    published_on: str
    correction_note: str
    sections: list[Section]
    figures: list[dict]
    scope: list[dict]
    snapshot: dict
    preamble: list[str] = field(default_factory=list)

    @property
    def title_lines(self) -> list[str]:
        """The title as printed: a long agency name on a line of its own, so that a line never breaks inside a
        word (…公开工 / 作年度报告)."""
        rest = self.title.removeprefix(self.agency)
        if rest != self.title and len(self.title) > 24:
            return [self.agency, rest]
        return [self.title]

    @property
    def filename(self) -> str:
        return f"{self.agency}{self.year}年度政府信息公开工作年度报告" + (f"（第{self.version}版）" if self.version > 1 else "")


def build_document(*, snapshot: dict, narrative: dict, agency_name: str, version: int = 1, status: str = "draft",
                   published_on: str = "", correction_note: str = "",
                   link: Callable[[tuple], str | None] | None = None) -> Document:
    form = ReportForm(snapshot["form"])
    tables = tables_of(snapshot)
    declared = frozenset(snapshot.get("declared", {}))
    grids = {"table2": table2_grid(tables, declared), "table3": table3_grid(tables), "table4": table4_grid(tables)}
    if link is not None:
        for grid in grids.values():
            for line in grid.rows:
                for cell in line:
                    if cell.drill is not None:
                        cell.link = link(cell.drill)
    result = []
    preamble = [p for p in (narrative.get(LEGACY_PREAMBLE) or "").split("\n") if p.strip()]
    for key, title in sections(form):
        section = Section(key, title)
        if key in grids:
            section.grid = grids[key]
        else:
            section.paragraphs = [p for p in (narrative.get(key) or "").split("\n") if p.strip()]
        result.append(section)
    figures = [{**f, "text": fmt(f["value"])} for f in snapshot.get("figures", [])]
    # A 2008-form report was titled by the short name with the year after it (the 2017 seed report).
    short = (snapshot.get("particulars") or {}).get("short_name")
    title = (f"{short}政府信息公开工作年度报告（{snapshot['year']}年度）" if form == ReportForm.LEGACY and short
             else f"{agency_name}{snapshot['year']}年度政府信息公开工作年度报告")
    return Document(
        title=title,
        agency=agency_name, year=snapshot["year"], form=form, form_label=FORM_LABELS[form], version=version,
        status=status, published_on=published_on, correction_note=correction_note, sections=result,
        figures=figures, scope=snapshot.get("scope", []), snapshot=snapshot, preamble=preamble,
    )


def document_of(report, *, link=None) -> Document:
    return build_document(
        snapshot=report.snapshot, narrative=report.narrative, agency_name=report.agency.name,
        version=report.version, status=report.status,
        published_on=_date_line(report),
        correction_note=report.correction_note, link=link,
    )


def _date_line(report) -> str:
    """The date under a published report: the office's signing date (成文日期), written as a document date."""
    day = report.signed_on or (report.published_at.date() if report.published_at else None)
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
