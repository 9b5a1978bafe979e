"""Working-day arithmetic on the official calendar.

A working day is Monday to Friday, minus the holidays of the State Council's annual notice, plus the
weekend days that notice makes working days (调休). Years without an official notice are *provisional*:
the statutory holidays are skipped (see ``statutory``) and any date that depends on such a year says so.

Counting convention (spec §7.1, UNCONFIRMED, a setting): by default the N working days are counted from
the day after the start date, as Chinese law counts periods.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from gongkai.calendars.domain.statutory import statutory_holidays

WEEKDAY_NAMES = "一二三四五六日"


@dataclass(frozen=True)
class DayStatus:
    day: dt.date
    working: bool
    reason: str  # 工作日 / 周六 / 周日 / holiday name / 调休上班
    provisional: bool


@dataclass(frozen=True)
class CountedDay:
    day: dt.date
    working: bool
    ordinal: int | None  # 1..N for counted working days
    reason: str
    provisional: bool


@dataclass(frozen=True)
class WorkdayResult:
    start: dt.date
    days: int
    due: dt.date
    provisional: bool
    trace: tuple[CountedDay, ...] = field(default=(), repr=False)

    @property
    def skipped(self) -> tuple[CountedDay, ...]:
        return tuple(d for d in self.trace if not d.working)

    def explain(self) -> list[str]:
        lines = [f"起算日 {self.start.isoformat()}（周{WEEKDAY_NAMES[self.start.weekday()]}），计 {self.days} 个工作日"]
        for d in self.trace:
            mark = "（暂定）" if d.provisional else ""
            if d.working:
                lines.append(f"{d.day.isoformat()} 周{WEEKDAY_NAMES[d.day.weekday()]} 第{d.ordinal}个工作日 {d.reason}{mark}")
            else:
                lines.append(f"{d.day.isoformat()} 周{WEEKDAY_NAMES[d.day.weekday()]} 跳过：{d.reason}{mark}")
        lines.append(f"届满日 {self.due.isoformat()}" + ("（暂定：涉及尚无官方放假安排的年份）" if self.provisional else ""))
        return lines


class WorkCalendar:
    def __init__(
        self,
        *,
        holidays: Mapping[dt.date, str],
        makeup_workdays: Mapping[dt.date, str],
        official_years: Iterable[int],
        provisional_holidays: Callable[[int], Mapping[dt.date, str]] = statutory_holidays,
    ):
        self._holidays = dict(holidays)
        self._makeup = dict(makeup_workdays)
        self.official_years = frozenset(official_years)
        self._provisional_source = provisional_holidays
        self._provisional_cache: dict[int, Mapping[dt.date, str]] = {}

    def is_provisional_year(self, year: int) -> bool:
        return year not in self.official_years

    def status(self, day: dt.date) -> DayStatus:
        if self.is_provisional_year(day.year):
            holidays = self._provisional_cache.get(day.year)
            if holidays is None:
                holidays = self._provisional_cache[day.year] = self._provisional_source(day.year)
            if day in holidays:
                return DayStatus(day, False, f"{holidays[day]}（法定节假日）", True)
            if day.weekday() >= 5:
                return DayStatus(day, False, f"周{WEEKDAY_NAMES[day.weekday()]}", True)
            return DayStatus(day, True, "工作日", True)
        if day in self._makeup:
            return DayStatus(day, True, f"调休上班（{self._makeup[day]}）", False)
        if day in self._holidays:
            return DayStatus(day, False, f"{self._holidays[day]}放假", False)
        if day.weekday() >= 5:
            return DayStatus(day, False, f"周{WEEKDAY_NAMES[day.weekday()]}", False)
        return DayStatus(day, True, "工作日", False)

    def is_working_day(self, day: dt.date) -> bool:
        return self.status(day).working

    def add_working_days(self, start: dt.date, days: int, *, count_from_next_day: bool = True) -> WorkdayResult:
        """The date on which the ``days``-th working day falls."""
        if days < 0:
            raise ValueError("days must be zero or more")
        trace: list[CountedDay] = []
        provisional = self.is_provisional_year(start.year)
        if days == 0:
            return WorkdayResult(start, 0, start, provisional, ())
        counted = 0
        day = start + dt.timedelta(days=1) if count_from_next_day else start
        while True:
            status = self.status(day)
            provisional = provisional or status.provisional
            if status.working:
                counted += 1
                trace.append(CountedDay(day, True, counted, status.reason, status.provisional))
                if counted == days:
                    return WorkdayResult(start, days, day, provisional, tuple(trace))
            else:
                trace.append(CountedDay(day, False, None, status.reason, status.provisional))
            day += dt.timedelta(days=1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start (days overdue)."""
        if end == start:
            return 0
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        count = 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += dt.timedelta(days=1)
        return sign * count

    def range_is_provisional(self, start: dt.date, end: dt.date) -> bool:
        low, high = min(start, end), max(start, end)
        return any(self.is_provisional_year(y) for y in range(low.year, high.year + 1))
