"""The demo lives in its own time: what it writes about a past day is stamped on that day (the events of a 2017
case are dated 2017), through the event clock of ``gongkai.core.time``."""

import datetime as dt
from zoneinfo import ZoneInfo

from gongkai.core.time import clock_at

SHANGHAI = ZoneInfo("Asia/Shanghai")
SET_UP = dt.date(2017, 1, 3)   # the district's office, units and accounts, as at the start of the seed's year


def on(day: dt.date | dt.datetime, hour: int = 10, minute: int = 0):
    """Events written inside are stamped ``day`` at ``hour``:``minute`` Beijing time (a datetime as it is)."""
    if isinstance(day, dt.datetime):
        return clock_at(day)
    return clock_at(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI))
