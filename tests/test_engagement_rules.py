"""Pure rules of the mailbox: transitions, deadlines on the working calendar, the inspection limit, redaction."""

import datetime as dt

import pytest

from gongkai.calendars.domain.workdays import WorkCalendar
from gongkai.engagement.domain import mailbox as rules
from gongkai.engagement.domain.redaction import personal_data_found

D = dt.date
# 2017's National Day week: 1-8 October off, Saturday 30 September a make-up working day.
CAL = WorkCalendar(
    holidays={D(2017, 10, d): "国庆节" for d in range(1, 9)},
    makeup_workdays={D(2017, 9, 30): "国庆节"},
    official_years={2017, 2018},
)


@pytest.mark.parametrize(("status", "verb", "expected"), [
    ("received", "accept", "accepted"),
    ("received", "reply", "replied"),
    ("accepted", "reply", "replied"),
    ("received", "decline", "declined"),
    ("accepted", "convert", "converted"),
    ("replied", "reply", None),
    ("accepted", "decline", None),
    ("declined", "accept", None),
    ("converted", "reply", None),
])
def test_transition_table(status, verb, expected):
    result = rules.next_status(rules.Status(status), verb)
    assert (result.value if result else None) == expected


@pytest.mark.parametrize(("received", "days", "due"), [
    (D(2017, 3, 6), 5, D(2017, 3, 13)),     # Monday → next Monday
    (D(2017, 3, 10), 5, D(2017, 3, 17)),    # Friday → next Friday
    (D(2017, 9, 27), 5, D(2017, 10, 10)),   # 28, 29, 30 (make-up Saturday), then 9 and 10 October
    (D(2017, 9, 29), 1, D(2017, 9, 30)),    # the make-up Saturday counts
    (D(2017, 9, 29), 3, D(2017, 10, 10)),
])
def test_reply_due_on_counts_working_days(received, days, due):
    assert rules.reply_due_on(received, CAL, days) == due


@pytest.mark.parametrize(("received", "limit"), [
    (D(2017, 1, 15), D(2017, 4, 15)),
    (D(2017, 11, 30), D(2018, 2, 28)),
    (D(2019, 11, 30), D(2020, 2, 29)),
    (D(2017, 12, 31), D(2018, 3, 31)),
])
def test_inspection_limit_is_three_calendar_months(received, limit):
    assert rules.inspection_limit_on(received) == limit


@pytest.mark.parametrize(("status", "today", "overdue", "breach"), [
    ("received", D(2017, 3, 13), False, False),   # the due day itself is still on time
    ("received", D(2017, 3, 14), True, False),
    ("accepted", D(2017, 6, 6), True, False),     # the limit day itself
    ("accepted", D(2017, 6, 7), True, True),
    ("replied", D(2017, 12, 1), False, False),
    ("declined", D(2017, 12, 1), False, False),
])
def test_overdue_and_inspection_flags(status, today, overdue, breach):
    received, due = D(2017, 3, 6), D(2017, 3, 13)
    assert rules.is_overdue(status=rules.Status(status), due_on=due, today=today) is overdue
    assert rules.breaches_inspection_rule(status=rules.Status(status), received_on=received, today=today) is breach


def test_accepted_and_completed_sets():
    assert rules.Status.CONVERTED in rules.COMPLETED_STATUSES
    assert rules.Status.DECLINED not in rules.ACCEPTED_STATUSES
    assert rules.SATISFIED_RATINGS == {rules.Rating.SATISFIED, rules.Rating.BASICALLY}


@pytest.mark.parametrize(("text", "known", "found"), [
    ("请问公租房申请条件？", [], []),
    ("我是张三，请回复", ["张三"], ["张三"]),
    ("电话13812345678", [], ["手机号码"]),
    ("座机023-85276112", [], ["固定电话"]),
    ("身份证500110198001011234", [], ["身份证号码"]),
    ("邮箱 a.b@example.cn", [], ["电子邮箱"]),
    ("2017年第6期，共3500份", [], []),
    ("王", ["王"], []),   # one character is too short to judge
])
def test_personal_data_found(text, known, found):
    assert personal_data_found(text, known=known) == found
