"""Statutory holidays of the current 《全国年节及纪念日放假办法》 (国务院令第795号, in force 2025-01-01).

Used for a year whose official holiday notice is not yet known: those dates are skipped, but the notice's
bridging days and make-up working days (调休) cannot be foreseen, so every date computed over such a year is
provisional.
"""

import datetime as dt

from lunardate import LunarDate

# 办法 art. 2: 元旦 1 day; 春节 4 days (除夕 and 正月初一至初三); 清明节 1 day; 劳动节 2 days (5/1-5/2);
# 端午节 1 day; 中秋节 1 day; 国庆节 3 days (10/1-10/3).


def qingming(year: int) -> dt.date:
    """清明 solar term (4 or 5 April) by the common term formula [Y×D+C]−[Y/4]; C is 5.59 in 1901-2000."""
    y = year % 100
    century_constant = 4.81 if year > 2000 else 5.59
    return dt.date(year, 4, int(y * 0.2422 + century_constant) - y // 4)


def statutory_holidays(year: int) -> dict[dt.date, str]:
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    new_year = LunarDate(year, 1, 1).to_solar_date()
    for offset in range(-1, 3):
        days[new_year + dt.timedelta(days=offset)] = "春节"
    days[qingming(year)] = "清明节"
    days[dt.date(year, 5, 1)] = "劳动节"
    days[dt.date(year, 5, 2)] = "劳动节"
    days[LunarDate(year, 5, 5).to_solar_date()] = "端午节"
    days[LunarDate(year, 8, 15).to_solar_date()] = "中秋节"
    for day in (1, 2, 3):
        days[dt.date(year, 10, day)] = "国庆节"
    # 除夕 of next year's Spring Festival can fall in this calendar year only in theory (never late Dec), so
    # only this year's lunar dates are needed.
    return {d: name for d, name in days.items() if d.year == year}
