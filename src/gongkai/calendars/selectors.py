"""Readers of the working-day calendar for the interfaces: which years are official, and from which source."""

import datetime as dt
from dataclasses import dataclass

from gongkai.calendars.models import CalendarYear
from gongkai.calendars.official import PACKAGE_YEARS, current_calendar


@dataclass(frozen=True)
class CalendarYearRow:
    year: int
    source: str                 # the notice's 文号 and where it came from; empty for a provisional year
    provisional: bool
    holidays_on_weekdays: int   # Monday–Friday dates that are not working days


def _dates(year: int):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def calendar_years(first: int, last: int) -> list[CalendarYearRow]:
    """One row per year from ``first`` to ``last`` (inclusive): a notice entered here, the notice shipped with
    the software, or nothing (provisional: weekends only)."""
    stored = {y.year: y for y in CalendarYear.objects.filter(year__gte=first, year__lte=last)}
    calendar = current_calendar()
    rows = []
    for year in range(first, last + 1):
        if year in stored:
            source = f"{stored[year].document_number}（{stored[year].get_source_display()}）"
        elif year in PACKAGE_YEARS:
            source = "国务院办公厅放假通知（随软件提供）"
        else:
            source = ""
        off_weekdays = sum(1 for d in _dates(year) if d.weekday() < 5 and not calendar.status(d).working)
        rows.append(CalendarYearRow(year, source, calendar.is_provisional_year(year), off_weekdays))
    return rows
