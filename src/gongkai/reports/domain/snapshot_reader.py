"""The typed reader of a report's frozen snapshot (``snapshot.build_snapshot`` writes it as JSON).

Interfaces read a snapshot only through ``read_snapshot``: the scope of agencies, the findings, the record
figures, each agency's share of a roll-up and the tables, as dataclasses. The JSON's keys are named in one place
(here and the writer beside it), so a change of the snapshot's layout changes one reader, not every page.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class SnapshotAgency:
    id: int
    code: str
    name: str

    @property
    def key(self) -> str:
        """The agency's key in the snapshot's per-agency maps (and the drill-down's row)."""
        return str(self.id)


@dataclass(frozen=True)
class SnapshotFinding:
    level: str            # "error" blocks publication, "warning" does not (reports.domain.reconcile)
    code: str
    message: str
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class SnapshotFigure:
    """A counted figure of the records (the 2008-form sections and the figures beside the national tables)."""

    key: str
    label: str
    value: int | Decimal | None
    unit: str
    part: str


@dataclass(frozen=True)
class AgencyShare:
    """One agency's part of a roll-up report: new applications, those concluded, appeals and items."""

    agency: SnapshotAgency
    new: int
    concluded: int
    appeals: int
    items: int


@dataclass(frozen=True)
class ReportSnapshot:
    schema: int
    form: str
    year: int
    agency: SnapshotAgency | None
    scope: tuple[SnapshotAgency, ...]
    findings: tuple[SnapshotFinding, ...]
    figures: tuple[SnapshotFigure, ...]
    shares: tuple[AgencyShare, ...]
    tables: dict[str, Any] = field(default_factory=dict)
    declared: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[SnapshotFinding, ...]:
        return tuple(f for f in self.findings if f.level == "error")

    @property
    def is_roll_up(self) -> bool:
        return len(self.scope) > 1


def _agency(data) -> SnapshotAgency | None:
    if not isinstance(data, dict) or "id" not in data:
        return None
    return SnapshotAgency(int(data["id"]), str(data.get("code", "")), str(data.get("name", "")))


def _number(value):
    return Decimal(value) if isinstance(value, str) else value


def _share(agency: SnapshotAgency, share: dict) -> AgencyShare:
    table3 = share.get("table3", {})
    return AgencyShare(agency, int(table3.get("new", 0)), int(table3.get("results_total", 0)),
                       int(sum(share.get("table4", {}).values())), int(share.get("items", 0)))


def read_snapshot(data: dict | None) -> ReportSnapshot:
    """The snapshot ``data`` (as stored) as dataclasses; missing parts read as empty."""
    data = data or {}
    scope = tuple(a for a in (_agency(s) for s in data.get("scope", [])) if a is not None)
    per_agency = data.get("per_agency", {})
    shares = tuple(_share(a, per_agency.get(a.key, {})) for a in scope) if len(scope) > 1 else ()
    return ReportSnapshot(
        schema=int(data.get("schema", 0)),
        form=str(data.get("form", "")),
        year=int(data.get("year", 0)),
        agency=_agency(data.get("agency")),
        scope=scope,
        findings=tuple(SnapshotFinding(f["level"], f.get("code", ""), f["message"], tuple(f.get("cells", ())))
                       for f in data.get("findings", [])),
        figures=tuple(SnapshotFigure(f["key"], f["label"], _number(f["value"]), f.get("unit", ""), f.get("part", ""))
                      for f in data.get("figures", [])),
        shares=shares,
        tables=data.get("tables", {}),
        declared=data.get("declared", {}),
    )
