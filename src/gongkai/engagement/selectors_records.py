"""Readers of the year's work records for the back office's record pages: one table per kind (回应与解读, 档案与查阅,
业务培训, 工作人员, 刊物), the records of the agencies a user may view, with their column headers."""

from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.agencies.policy import agencies_where
from gongkai.engagement.models import (
    ArchiveRecord,
    OutreachRecord,
    Periodical,
    PeriodicalIssue,
    StaffingReport,
    Training,
)

# kind -> (model, the path from a record to its agency, the columns shown; ``get_x_display`` shows a choice's label)
RECORD_TABLES = {
    "outreach": (OutreachRecord, "agency", ("held_on", "agency", "get_kind_display", "topic", "form")),
    "archive": (ArchiveRecord, "agency",
                ("recorded_on", "agency", "get_kind_display", "items", "volumes", "visitors", "pages", "recipient")),
    "training": (Training, "agency", ("held_on", "agency", "topic", "participants", "hours")),
    "staffing": (StaffingReport, "agency", ("as_of", "agency", "people", "full_time")),
    "periodical": (PeriodicalIssue, "periodical__agency",
                   ("published_on", "periodical", "number", "copies", "distributed_to")),
}
RECORD_KINDS = tuple(RECORD_TABLES)


@dataclass(frozen=True)
class RecordTable:
    headers: list[str]
    columns: tuple[str, ...]
    records: QuerySet

    def row(self, record) -> list:
        return [getattr(record, c)() if c.startswith("get_") else getattr(record, c) for c in self.columns]


def record_table(user, kind: str) -> RecordTable:
    """The records of one kind in the agencies ``user`` may view (``engagement.view``), newest first."""
    if kind not in RECORD_TABLES:
        raise ValueError(f"unknown record kind {kind!r}")
    model, agency_path, columns = RECORD_TABLES[kind]
    records = model.objects.filter(**{f"{agency_path}__in": agencies_where(user, "engagement.view")}).select_related(
        *(["periodical__agency"] if kind == "periodical" else ["agency"]))
    headers = [str(model._meta.get_field(c.removeprefix("get_").removesuffix("_display")).verbose_name)
               for c in columns]
    return RecordTable(headers, columns, records)


def periodical_titled(agency, title: str) -> Periodical | None:
    """The agency's periodical of that title (《》 and spaces aside), if it is registered."""
    return Periodical.objects.filter(agency=agency, title=title.strip().strip("《》")).first()
