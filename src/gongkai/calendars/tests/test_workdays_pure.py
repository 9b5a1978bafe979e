"""Working-day arithmetic against the State Council's holiday notices, worked out by hand.

Each case: (start, N, expected due date, the notice that decides it). Counting starts the day after.
"""

import datetime as dt

import pytest
from chinese_calendar import constants as package

from gongkai.calendars.domain.statutory import qingming, statutory_holidays
from gongkai.calendars.domain.workdays import WorkCalendar

D = dt.date.fromisoformat
CAL = WorkCalendar(
    holidays={d: str(h) for d, h in package.holidays.items()},
    makeup_workdays={d: str(h) for d, h in package.workdays.items()},
    official_years=range(2004, 2027),
)

CASES = [
    ("2022-04-25", 7, "2022-05-07", "2022 劳动节: 4/30-5/4 off, Saturday 5/7 a make-up working day"),
    ("2024-02-05", 15, "2024-03-01", "2024 春节: 2/10-2/17 off, Sunday 2/18 worked"),
    ("2024-02-18", 20, "2024-03-15", "receipt on a make-up Sunday (2024 春节 调休)"),
    ("2023-09-27", 5, "2023-10-10", "2023 中秋国庆: 9/29-10/6 off, 10/7 and 10/8 worked"),
    ("2020-01-20", 5, "2020-02-04", "2020 春节 extended to 2/2 (国办发明电〔2020〕1号): Saturday 2/1 no longer worked"),
    ("2023-12-25", 5, "2024-01-02", "year end: 2024 元旦 on Monday 1/1"),
    ("2024-12-30", 3, "2025-01-03", "year end: 2025 元旦 on Wednesday 1/1"),
    ("2025-01-24", 3, "2025-02-05", "2025 春节: Sunday 1/26 worked, 1/28-2/4 off"),
    ("2025-02-05", 3, "2025-02-08", "2025 春节: Saturday 2/8 worked"),
    ("2025-09-26", 2, "2025-09-29", "2025 国庆中秋: Sunday 9/28 worked"),
    ("2025-09-30", 2, "2025-10-10", "2025 国庆中秋: 10/1-10/8 off"),
    ("2025-09-30", 3, "2025-10-11", "2025 国庆中秋: Saturday 10/11 worked"),
    ("2019-04-26", 2, "2019-04-29", "2019 劳动节: Sunday 4/28 worked"),
    ("2021-09-28", 20, "2021-11-01", "20 working days over 2021 国庆: Saturday 10/9 worked"),
    ("2018-04-04", 1, "2018-04-08", "2018 清明: 4/5-4/7 off, Sunday 4/8 worked"),
    ("2026-02-12", 2, "2026-02-14", "2026 春节: Saturday 2/14 worked"),
    ("2015-09-02", 1, "2015-09-06", "2015 抗战胜利70周年纪念日: 9/3-9/5 off, Sunday 9/6 worked"),
    ("2019-05-14", 15, "2019-06-04", "the last day of the 2008 rules: 15 working days"),
    ("2024-09-13", 1, "2024-09-14", "2024 中秋: Saturday 9/14 worked"),
]


@pytest.mark.parametrize(("start", "days", "due", "why"), CASES, ids=[c[3] for c in CASES])
def test_add_working_days_matches_the_notices(start, days, due, why):
    result = CAL.add_working_days(D(start), days)
    assert result.due == D(due)
    assert result.provisional is False


def test_zero_days_is_the_start_date():
    assert CAL.add_working_days(D("2024-02-05"), 0).due == D("2024-02-05")


def test_counting_from_the_start_day_is_a_setting():
    assert CAL.add_working_days(D("2024-02-05"), 1, count_from_next_day=False).due == D("2024-02-05")
    assert CAL.add_working_days(D("2024-02-05"), 1, count_from_next_day=True).due == D("2024-02-06")


def test_trace_lists_each_counted_and_skipped_day_with_its_reason():
    result = CAL.add_working_days(D("2022-04-28"), 3)
    assert [(d.day.isoformat(), d.working, d.ordinal) for d in result.trace] == [
        ("2022-04-29", True, 1),
        ("2022-04-30", False, None),
        ("2022-05-01", False, None),
        ("2022-05-02", False, None),
        ("2022-05-03", False, None),
        ("2022-05-04", False, None),
        ("2022-05-05", True, 2),
        ("2022-05-06", True, 3),
    ]
    text = "\n".join(result.explain())
    assert "2022-05-01 周日 跳过：Labour Day放假" in text
    assert "届满日 2022-05-06" in text


def test_make_up_day_explained():
    result = CAL.add_working_days(D("2022-05-06"), 1)
    assert result.trace[0].reason.startswith("调休上班")


def test_working_days_between_counts_start_exclusive_end_inclusive():
    assert CAL.working_days_between(D("2022-04-25"), D("2022-05-07")) == 7
    assert CAL.working_days_between(D("2022-05-07"), D("2022-04-25")) == -7
    assert CAL.working_days_between(D("2024-02-05"), D("2024-02-05")) == 0


def test_a_year_without_official_data_is_provisional_and_skips_statutory_holidays():
    # 2027 is not in the bundled data. 2027-01-01 is a Friday: 元旦 is skipped, and the result is provisional.
    result = CAL.add_working_days(D("2026-12-30"), 2)
    assert result.due == D("2027-01-04")
    assert result.provisional is True
    assert CAL.add_working_days(D("2026-12-21"), 3).provisional is False


def test_provisional_spring_festival_2027_is_skipped():
    holidays = statutory_holidays(2027)
    # 2027 农历正月初一 is 6 February: 除夕 to 初三 are 5-8 February.
    assert [d for d, name in sorted(holidays.items()) if name == "春节"] == [
        D("2027-02-05"), D("2027-02-06"), D("2027-02-07"), D("2027-02-08")]
    assert CAL.add_working_days(D("2027-02-04"), 1).due == D("2027-02-09")


@pytest.mark.parametrize(("year", "day"), [(2008, 4), (2019, 5), (2020, 4), (2024, 4), (2025, 4), (2026, 5)])
def test_qingming_formula_matches_the_official_dates(year, day):
    assert qingming(year) == dt.date(year, 4, day)


def test_statutory_holidays_of_the_2025_rules():
    h = statutory_holidays(2027)
    assert sum(1 for n in h.values() if n == "劳动节") == 2
    assert sum(1 for n in h.values() if n == "国庆节") == 3
    assert len(h) == 13


def test_negative_days_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(D("2024-01-01"), -1)
