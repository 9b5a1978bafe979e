"""When the 政府网站工作年度报表 of a year is due (国办函〔2018〕12号 二: "于每年1月31日前在本网站首页显著位置发布")
and when the office is reminded: from 15 January (the reminder), and from 1 February on as overdue, until the
report of the year before is published. Pure: the date in, the stage out."""

import datetime as dt
from enum import StrEnum

REMINDER_FROM = (1, 15)   # month, day: the workbench and the office's mail remind from mid-January …
DEADLINE = (1, 31)        # … of the 31 January deadline


class Stage(StrEnum):
    DUE = "due"            # 15–31 January: still in time
    OVERDUE = "overdue"    # 1 February to 31 December: the deadline has passed


def reported_year(today: dt.date) -> int:
    """The year whose 报表 is due in ``today``'s year."""
    return today.year - 1


def deadline(today: dt.date) -> dt.date:
    return dt.date(today.year, *DEADLINE)


def stage(today: dt.date) -> Stage | None:
    """None before 15 January (nothing to remind of yet), else whether the deadline has passed."""
    if (today.month, today.day) < REMINDER_FROM:
        return None
    return Stage.DUE if (today.month, today.day) <= DEADLINE else Stage.OVERDUE
