"""The JSON form of a year's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知), validated.

    {
      "year": 2027,
      "document_number": "国办发明电〔2026〕N号",
      "title": "国务院办公厅关于2027年部分节假日安排的通知",
      "published_on": "2026-11-..",
      "holidays": [{"name": "春节", "start": "2027-02-05", "end": "2027-02-12"}, {"name": "元旦", "dates": ["2027-01-01"]},
                   ..., {"name": "中秋节、国庆节", "start": "...", "end": "..."}],
      "workdays": [{"name": "春节", "date": "2027-02-13"}]
    }

A notice is the whole year's arrangement: it must name every statutory holiday of its year
(``required_holidays``), or it is refused. A half notice would otherwise replace the provisional statutory
dates with nothing (a notice holding only 元旦 made 春节 working days).
"""

import datetime as dt
import re
from dataclasses import dataclass

# 《全国年节及纪念日放假办法》 art. 2, the holidays every citizen has, by the year the version took effect:
# 国务院令第270号 (1999): 元旦、春节、劳动节、国庆节; 国务院令第513号 (from 2008) added 清明节、端午节、中秋节
# (kept by 第644号 of 2013 and 第795号 of 2025).
REQUIRED_HOLIDAYS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (2008, ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")),
    (1999, ("元旦", "春节", "劳动节", "国庆节")),
)

# One entry may cover holidays that the notice joins (2023: "中秋节、国庆节：9月29日至10月6日").
_NAME_SEPARATORS = re.compile(r"[、，,/;；\s]+|和|及|与")


def required_holidays(year: int) -> tuple[str, ...]:
    for since, names in REQUIRED_HOLIDAYS:
        if year >= since:
            return names
    return ()


def holiday_names(entry_name: str) -> set[str]:
    return {part for part in _NAME_SEPARATORS.split(entry_name) if part}


def missing_holidays(year: int, entry_names) -> list[str]:
    """The statutory holidays of ``year`` that none of the notice's holiday names mentions, in statute order."""
    named: set[str] = set()
    for name in entry_names:
        named |= holiday_names(name)
    return [name for name in required_holidays(year) if name not in named]


class NoticeError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class HolidayNotice:
    year: int
    document_number: str
    title: str
    published_on: dt.date | None
    holidays: dict[dt.date, str]
    workdays: dict[dt.date, str]


def _date(value, where: str, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}：日期“{value}”格式不正确，应为 YYYY-MM-DD")
        return None


def parse_notice(data) -> HolidayNotice:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise NoticeError(["文件内容应为一个 JSON 对象"])
    year = data.get("year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise NoticeError(["year 应为 2000 至 2100 之间的整数"])
    document_number = str(data.get("document_number") or "").strip()
    if not document_number:
        problems.append("缺少 document_number（通知文号）")
    published_on = None
    if data.get("published_on"):
        published_on = _date(data["published_on"], "published_on", problems)
    # A notice may reach into the neighbouring years (元旦 bridging days), but not further.
    low, high = dt.date(year - 1, 12, 1), dt.date(year + 1, 1, 31)

    holidays: dict[dt.date, str] = {}
    for i, entry in enumerate(data.get("holidays") or [], start=1):
        where = f"holidays 第{i}项"
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            problems.append(f"{where}：需要 name")
            continue
        name = str(entry["name"]).strip()
        dates: list[dt.date] = []
        if "dates" in entry:
            dates = [d for d in (_date(v, where, problems) for v in entry["dates"]) if d]
        elif "start" in entry:
            start = _date(entry["start"], where, problems)
            end = _date(entry.get("end", entry["start"]), where, problems)
            if start and end:
                if end < start:
                    problems.append(f"{where}：结束日期早于开始日期")
                elif (end - start).days > 15:
                    problems.append(f"{where}：假期超过16天，请核对")
                else:
                    dates = [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]
        else:
            problems.append(f"{where}：需要 dates 或 start/end")
        for d in dates:
            if not low <= d <= high:
                problems.append(f"{where}：日期 {d} 不在 {year} 年通知的范围内")
            elif d in holidays and holidays[d] != name:
                problems.append(f"{where}：日期 {d} 已属于“{holidays[d]}”")
            else:
                holidays[d] = name

    workdays: dict[dt.date, str] = {}
    for i, entry in enumerate(data.get("workdays") or [], start=1):
        where = f"workdays 第{i}项"
        if not isinstance(entry, dict) or "date" not in entry:
            problems.append(f"{where}：需要 date")
            continue
        d = _date(entry["date"], where, problems)
        if d is None:
            continue
        if not low <= d <= high:
            problems.append(f"{where}：日期 {d} 不在 {year} 年通知的范围内")
        elif d.weekday() < 5:
            problems.append(f"{where}：{d} 是周一至周五，本就是工作日，不能作为调休上班日")
        elif d in holidays:
            problems.append(f"{where}：{d} 同时被列为放假日")
        else:
            workdays[d] = str(entry.get("name") or "调休").strip()
    if not holidays:
        problems.append("holidays 为空：一年的放假安排至少包含一个节日")
    missing = missing_holidays(year, set(holidays.values()))
    if missing:
        problems.append(
            f"通知不完整：缺少法定节假日 {'、'.join(missing)}（《全国年节及纪念日放假办法》第二条；"
            f"一份通知须列出全年每个法定节假日，否则 {year} 年仍按暂定日历计算）"
        )
    if problems:
        raise NoticeError(problems)
    return HolidayNotice(
        year=year,
        document_number=document_number,
        title=str(data.get("title") or "").strip(),
        published_on=published_on,
        holidays=holidays,
        workdays=workdays,
    )
