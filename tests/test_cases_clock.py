"""The statutory clock, pure and table-driven, on the official calendar (no database).

Dates were counted by hand against the State Council notices: 2024 春节 2-10..2-17 off with 2-4 and 2-18
(Sundays) worked; 2024 清明 4-4..4-6 off with 4-7 worked; 2024 劳动节 with 5-11 (a Saturday) worked; 2024 端午
6-10 off; 2024 国庆 10-1..10-7 off with 9-29 and 10-12 worked; 2018 国庆 10-1..10-7 off with 9-29 (Saturday)
and 9-30 worked.
"""

import datetime as dt

import pytest
from chinese_calendar import constants as package_data

from gongkai.calendars.domain.workdays import WorkCalendar
from gongkai.calendars.official import PACKAGE_HOLIDAY_NAMES
from gongkai.cases.domain.clock import (
    ClockFacts,
    ClockSettings,
    Pause,
    PauseKind,
    Regime,
    WindowKind,
    compute_deadline,
    explain,
    extension_problem,
)

D = dt.date


@pytest.fixture(scope="module")
def calendar():
    def named(days):
        return {d: PACKAGE_HOLIDAY_NAMES.get(getattr(h, "value", h), str(h)) for d, h in days.items()}

    return WorkCalendar(holidays=named(package_data.holidays), makeup_workdays=named(package_data.workdays),
                        official_years=range(2004, 2027))


TP, OO, FEE = PauseKind.THIRD_PARTY, PauseKind.OTHER_ORGAN, PauseKind.FEE

CASES = [
    # (situation, facts, settings, expected due, expected regime)
    ("20 working days across 春节 and its make-up Sunday", ClockFacts(D(2024, 2, 5)), ClockSettings(),
     D(2024, 3, 8), Regime.R2019),
    ("补正: reply period restarts from the corrected application (清明 on the way)",
     ClockFacts(D(2024, 3, 1), correction_requested_on=D(2024, 3, 5), correction_period_days=10,
                correction_received_on=D(2024, 3, 15)), ClockSettings(), D(2024, 4, 15), Regime.R2019),
    ("补正 outstanding: no due date yet",
     ClockFacts(D(2024, 3, 1), correction_requested_on=D(2024, 3, 5), correction_period_days=10),
     ClockSettings(), None, Regime.R2019),
    ("third-party consultation straddling 国庆 is not counted",
     ClockFacts(D(2024, 9, 20), pauses=(Pause(TP, D(2024, 9, 27), D(2024, 10, 12), "某公司"),)),
     ClockSettings(), D(2024, 11, 1), Regime.R2019),
    ("other-organ consultation is not counted either (2019 art. 33)",
     ClockFacts(D(2024, 9, 20), pauses=(Pause(OO, D(2024, 9, 27), D(2024, 10, 12), "区规划局"),)),
     ClockSettings(), D(2024, 11, 1), Regime.R2019),
    ("consultation still open: the clock waits",
     ClockFacts(D(2024, 9, 20), pauses=(Pause(TP, D(2024, 9, 27), None),)), ClockSettings(), None, Regime.R2019),
    ("approved extension of 20 working days", ClockFacts(D(2024, 2, 5), extension_days=20), ClockSettings(),
     D(2024, 4, 8), Regime.R2019),
    ("2008 rule: 15 working days, make-up Saturday and Sunday counted", ClockFacts(D(2018, 9, 28)),
     ClockSettings(), D(2018, 10, 24), Regime.R2008),
    ("2008 rule: extension of 15", ClockFacts(D(2018, 9, 28), extension_days=15), ClockSettings(),
     D(2018, 11, 14), Regime.R2008),
    ("2008 rule: third-party time excluded",
     ClockFacts(D(2018, 9, 28), pauses=(Pause(TP, D(2018, 10, 8), D(2018, 10, 12)),)), ClockSettings(),
     D(2018, 10, 30), Regime.R2008),
    ("2008 rule: other-organ time counted",
     ClockFacts(D(2018, 9, 28), pauses=(Pause(OO, D(2018, 10, 8), D(2018, 10, 12)),)), ClockSettings(),
     D(2018, 10, 24), Regime.R2008),
    ("fee window paused (default setting), 端午 on the way",
     ClockFacts(D(2024, 6, 3), pauses=(Pause(FEE, D(2024, 6, 7), D(2024, 6, 21)),)), ClockSettings(),
     D(2024, 7, 15), Regime.R2019),
    ("fee window not paused when the setting is off",
     ClockFacts(D(2024, 6, 3), pauses=(Pause(FEE, D(2024, 6, 7), D(2024, 6, 21)),)),
     ClockSettings(fee_pauses_clock=False), D(2024, 7, 2), Regime.R2019),
    ("fee unpaid and paused: the clock waits",
     ClockFacts(D(2024, 6, 3), pauses=(Pause(FEE, D(2024, 6, 7), None),)), ClockSettings(), None, Regime.R2019),
    ("receipt on a make-up Saturday, counted from the next day", ClockFacts(D(2024, 5, 11)), ClockSettings(),
     D(2024, 6, 7), Regime.R2019),
    ("receipt on a make-up Saturday, counted from the same day",
     ClockFacts(D(2024, 5, 11)), ClockSettings(count_from_next_day=False), D(2024, 6, 6), Regime.R2019),
    ("art. 35 reasonable delay replaces the statutory date",
     ClockFacts(D(2024, 2, 5), delay_until=D(2024, 6, 28)), ClockSettings(), D(2024, 6, 28), Regime.R2019),
    ("the last day before the revision follows the 2008 rule", ClockFacts(D(2019, 5, 14)), ClockSettings(),
     D(2019, 6, 4), Regime.R2008),
]


@pytest.mark.parametrize(("situation", "facts", "settings", "due", "regime"), CASES, ids=[c[0] for c in CASES])
def test_due_date(calendar, situation, facts, settings, due, regime):
    deadline = compute_deadline(facts, calendar, settings)
    assert deadline.due_on == due
    assert deadline.regime == regime
    assert bool(deadline.waiting) == (due is None)


def test_windows_tracked(calendar):
    facts = ClockFacts(D(2024, 3, 1), correction_requested_on=D(2024, 3, 5), correction_period_days=10,
                       pauses=(Pause(TP, D(2024, 9, 27), None, "某公司"), Pause(FEE, D(2024, 6, 7), None)))
    deadline = compute_deadline(facts, calendar)
    assert deadline.window(WindowKind.CORRECTION_NOTICE).due == D(2024, 3, 12)      # 7 working days from receipt
    assert deadline.window(WindowKind.CORRECTION).due == D(2024, 3, 19)
    assert deadline.window(WindowKind.CONSULTATION).due == D(2024, 10, 23)  # 15 working days: 国庆 off, 9-29 and 10-12 worked
    assert deadline.window(WindowKind.PAYMENT).due == D(2024, 7, 8)               # 20 working days, 端午 skipped


def test_late_correction_notice_is_flagged(calendar):
    facts = ClockFacts(D(2024, 3, 1), correction_requested_on=D(2024, 3, 13), correction_period_days=5)
    deadline = compute_deadline(facts, calendar)
    assert deadline.window(WindowKind.CORRECTION_NOTICE).late
    assert any("补正告知期限已逾期" in n for n in deadline.notes)


def test_explanation_lists_segments_and_skipped_days(calendar):
    facts = ClockFacts(D(2024, 9, 20), pauses=(Pause(TP, D(2024, 9, 27), D(2024, 10, 12), "某公司"),))
    deadline = compute_deadline(facts, calendar)
    assert [(s.kind, s.start, s.end, s.working_days) for s in deadline.segments] == [
        ("count", D(2024, 9, 21), D(2024, 9, 27), 5),
        ("third_party", D(2024, 9, 28), D(2024, 10, 12), 7),
        ("count", D(2024, 10, 13), D(2024, 11, 1), 15),
    ]
    lines = explain(deadline)
    assert "2024-10-01 周二 不计：征求第三方意见期间，国庆节放假" in lines
    assert "2024-09-21 周六 不计：周六" in lines
    assert lines[-1] == "答复期限届满日 2024-11-01"
    assert deadline.days_used == 20


def test_working_days_left_and_overdue(calendar):
    deadline = compute_deadline(ClockFacts(D(2024, 2, 5)), calendar)
    assert deadline.working_days_left(calendar, D(2024, 3, 6)) == 2
    assert deadline.working_days_left(calendar, D(2024, 3, 8)) == 0
    assert deadline.working_days_left(calendar, D(2024, 3, 11)) == -1


def test_provisional_when_a_year_has_no_notice(calendar):
    deadline = compute_deadline(ClockFacts(D(2026, 12, 18)), calendar)
    assert deadline.provisional
    assert not compute_deadline(ClockFacts(D(2024, 2, 5)), calendar).provisional


@pytest.mark.parametrize(("received", "days", "ok"), [
    (D(2024, 1, 2), 20, True), (D(2024, 1, 2), 21, False), (D(2024, 1, 2), 0, False),
    (D(2018, 1, 2), 15, True), (D(2018, 1, 2), 16, False),
])
def test_extension_limits(received, days, ok):
    assert (extension_problem(received, days) is None) == ok
