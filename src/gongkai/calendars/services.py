"""The only writers of calendar data."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.calendars.deadlines import recompute_deadlines
from gongkai.calendars.domain.notice import HolidayNotice, missing_holidays
from gongkai.calendars.models import CalendarDay, CalendarSource, CalendarYear, DayKind
from gongkai.calendars.official import current_calendar
from gongkai.core.actors import is_system
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import record_event
from gongkai.core.models import Event


class IncompleteNotice(ValidationFailed):
    code = "calendar_notice_incomplete"


@dataclass(frozen=True)
class MovedDeadline:
    """One stored date a recomputer moved, read back from the event it recorded."""

    action: str
    object_repr: str
    before: dict
    after: dict

    def describe(self) -> str:
        fields = sorted(set(self.before or {}) | set(self.after or {}))
        moves = "，".join(
            f"{name} {(self.before or {}).get(name)} → {(self.after or {}).get(name)}"
            for name in fields
            if (self.before or {}).get(name) != (self.after or {}).get(name)
        )
        return f"{self.object_repr}：{moves}"


@dataclass(frozen=True)
class CalendarChange:
    year: int
    created: bool
    changed_dates: list[str]
    recomputed: dict[str, int]
    moved: list[MovedDeadline]


def _days_dict(cal_year: CalendarYear | None) -> dict[str, str]:
    if cal_year is None:
        return {}
    return {d.date.isoformat(): f"{d.kind}:{d.name}" for d in cal_year.days.all()}


@transaction.atomic
def set_calendar_year(*, actor, notice: HolidayNotice, source: str = CalendarSource.IMPORT,
                      on_progress=None) -> CalendarChange:
    """Store (or replace) a year's official arrangement and recompute every deadline that depends on it
    (``on_progress(done, total)`` as each area's deadlines are recomputed)."""
    if not (is_system(actor) or actor.is_superuser):
        raise NotAllowed(_("只有平台管理员可以维护工作日历"))
    missing = missing_holidays(notice.year, set(notice.holidays.values()))
    if missing:
        raise IncompleteNotice(_("%(year)s年放假通知不完整，缺少法定节假日：%(missing)s；未导入，该年仍为暂定日历"), code="calendars.notice_incomplete", missing=missing, year=notice.year)
    before_calendar = current_calendar()
    existing = CalendarYear.objects.select_for_update().filter(year=notice.year).first()
    before = _days_dict(existing)
    if existing is None:
        cal_year = CalendarYear.objects.create(
            year=notice.year, document_number=notice.document_number, title=notice.title,
            published_on=notice.published_on, source=source,
        )
    else:
        cal_year = existing
        cal_year.document_number = notice.document_number
        cal_year.title = notice.title
        cal_year.published_on = notice.published_on
        cal_year.source = source
        cal_year.save()
        cal_year.days.all().delete()
    CalendarDay.objects.bulk_create(
        [CalendarDay(calendar_year=cal_year, date=d, kind=DayKind.HOLIDAY, name=n) for d, n in notice.holidays.items()]
        + [CalendarDay(calendar_year=cal_year, date=d, kind=DayKind.WORKDAY, name=n) for d, n in notice.workdays.items()]
    )
    after = _days_dict(cal_year)
    calendar = current_calendar()
    # Dates whose status moved, including those that were provisional guesses before.
    years = {notice.year} | {int(d[:4]) for d in set(before) | set(after)}
    changed = sorted(
        d.isoformat()
        for y in years
        for d in _year_dates(y)
        if before_calendar.status(d).working != calendar.status(d).working
        or before_calendar.status(d).provisional != calendar.status(d).provisional
    )
    record_event(
        actor=actor, obj=cal_year, action="calendar.year_set", before=before or None, after=after,
        payload={"document_number": notice.document_number, "changed_dates": changed},
        legal_basis=notice.document_number,
    )
    last_event = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    recomputed = recompute_deadlines(calendar=calendar, changed_years=years, actor=actor, on_progress=on_progress)
    # Recomputers record one "*_recomputed" event per date they move; those events are the list of changes.
    moved = [
        MovedDeadline(action=e.action, object_repr=e.object_repr, before=e.before or {}, after=e.after or {})
        for e in Event.objects.filter(pk__gt=last_event, action__endswith="_recomputed").order_by("pk")
    ]
    return CalendarChange(year=notice.year, created=existing is None, changed_dates=changed, recomputed=recomputed,
                          moved=moved)


def _year_dates(year: int):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)
