"""公开清单 time limits: when each occurrence of a matter is due.

Examples: 预决算 within 20 days of approval (《预算法》 art. 14: 批准后二十日内), a monthly statistics release, the
general rule of 条例 art. 26 (20 working days from formation). Pure: takes a working-day function.
"""

import calendar as _cal
import datetime as dt
from collections.abc import Callable
from enum import StrEnum


class Periodicity(StrEnum):
    EVENT = "event"          # after each triggering event (approval, decision)
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


PERIODICITY_LABELS = {
    Periodicity.EVENT: "事项发生（形成、变更、批准）后",
    Periodicity.MONTHLY: "每月",
    Periodicity.QUARTERLY: "每季度",
    Periodicity.YEARLY: "每年",
}


def period_end(periodicity: Periodicity, year: int, index: int) -> dt.date:
    """Last day of the period ``index`` (month 1-12, quarter 1-4, or 1 for the year)."""
    if periodicity == Periodicity.MONTHLY:
        return dt.date(year, index, _cal.monthrange(year, index)[1])
    if periodicity == Periodicity.QUARTERLY:
        month = index * 3
        return dt.date(year, month, _cal.monthrange(year, month)[1])
    return dt.date(year, 12, 31)


def period_label(periodicity: Periodicity, year: int, index: int) -> str:
    if periodicity == Periodicity.MONTHLY:
        return f"{year}年{index}月"
    if periodicity == Periodicity.QUARTERLY:
        return f"{year}年第{index}季度"
    return f"{year}年"


def periods_ending_by(periodicity: Periodicity, start: dt.date, today: dt.date) -> list[tuple[str, dt.date]]:
    """(label, last day) of each period that began on or after ``start`` and has ended by ``today``."""
    if periodicity == Periodicity.EVENT:
        return []
    out = []
    for year in range(start.year, today.year + 1):
        count = {Periodicity.MONTHLY: 12, Periodicity.QUARTERLY: 4, Periodicity.YEARLY: 1}[periodicity]
        for index in range(1, count + 1):
            end = period_end(periodicity, year, index)
            if end >= start and end < today:
                out.append((period_label(periodicity, year, index), end))
    return out


def due_date(start: dt.date, days: int, *, working: bool, add_working_days: Callable[[dt.date, int], dt.date]) -> dt.date:
    return add_working_days(start, days) if working else start + dt.timedelta(days=days)


def days_late(due_on: dt.date, fulfilled_on: dt.date | None, today: dt.date) -> int:
    """Calendar days past the limit (0 if on time or not yet due)."""
    end = fulfilled_on or today
    return max(0, (end - due_on).days)
