"""Build the working calendar from the bundled official data plus the years stored here."""

import datetime as dt

from chinese_calendar import constants as package_data
from django.conf import settings
from django.db import connection
from django.db.models import Max

from gongkai.calendars.domain.workdays import WorkCalendar, WorkdayResult
from gongkai.calendars.models import CalendarDay, CalendarYear, DayKind

# The package names holidays in English; the platform shows the names of the State Council notices.
PACKAGE_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _package_name(holiday) -> str:
    value = getattr(holiday, "value", holiday)
    return PACKAGE_HOLIDAY_NAMES.get(value, str(value))


PACKAGE_YEARS = frozenset(d.year for d in package_data.holidays)

_cache: dict[tuple, WorkCalendar] = {}


def _stored_version() -> tuple:
    agg = CalendarYear.objects.aggregate(latest=Max("updated_at"))
    return (CalendarYear.objects.count(), agg["latest"])


def _package_days() -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    holidays = {d: _package_name(h) for d, h in package_data.holidays.items()}
    makeup = {d: _package_name(h) for d, h in package_data.workdays.items()}
    return holidays, makeup


def package_calendar() -> WorkCalendar:
    """The official calendar as shipped with the package alone, without the years stored here."""
    holidays, makeup = _package_days()
    return WorkCalendar(holidays=holidays, makeup_workdays=makeup, official_years=PACKAGE_YEARS)


def build_calendar() -> WorkCalendar:
    holidays, makeup = _package_days()
    stored_years = set()
    for cal_year in CalendarYear.objects.prefetch_related("days"):
        stored_years.add(cal_year.year)
        # A stored year replaces the package's data for its calendar year.
        for mapping in (holidays, makeup):
            for day in [d for d in mapping if d.year == cal_year.year]:
                del mapping[day]
        for day in cal_year.days.all():
            (holidays if day.kind == DayKind.HOLIDAY else makeup)[day.date] = day.name
    return WorkCalendar(holidays=holidays, makeup_workdays=makeup, official_years=PACKAGE_YEARS | stored_years)


def current_calendar() -> WorkCalendar:
    """The calendar as stored now; rebuilt when a stored year changes (one small query per call)."""
    version = _stored_version()
    calendar = _cache.get(version)
    if calendar is None:
        _cache.clear()
        calendar = _cache[version] = build_calendar()
    return calendar


def calendar_for_reading() -> tuple[WorkCalendar, bool]:
    """``current_calendar()`` and True; or, on a database without the calendar tables yet (a fresh install before
    ``gongkai migrate``, so no notice can have been imported), the shipped data alone and False."""
    if CalendarYear._meta.db_table in connection.introspection.table_names():
        return current_calendar(), True
    return package_calendar(), False


def add_working_days(start: dt.date, days: int, *, calendar: WorkCalendar | None = None) -> WorkdayResult:
    return (calendar or current_calendar()).add_working_days(
        start, days, count_from_next_day=settings.GONGKAI_COUNT_FROM_NEXT_DAY
    )


def stored_days(year: int) -> list[CalendarDay]:
    return list(CalendarDay.objects.filter(calendar_year__year=year))
