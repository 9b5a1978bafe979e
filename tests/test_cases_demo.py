"""The cases demo: the 2017 facts of the seed report, later years whose report identities hold, idempotent."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from gongkai.agencies.models import Agency
from gongkai.cases.domain.appeals import AppealKind, AppealOutcome
from gongkai.cases.domain.results import Result
from gongkai.cases.models import Application
from gongkai.cases.selectors import fee_summary, report_appeals, report_applications
from gongkai.demo import load_cases


@pytest.fixture
def district(demo_db):
    """The demo as loaded once per session (tests/demo_database.py), copied for each test."""
    root = Agency.objects.get(code="wsjkq")
    return list(Agency.objects.filter(path__startswith=root.path).values_list("pk", flat=True))


def year_figures(ids, year):
    facts = report_applications(agency_ids=ids, year=year)
    new = [f for f in facts if f.received_on.year == year]
    carried_in = [f for f in facts if f.received_on.year < year]
    concluded = [f for f in facts if f.concluded_on and f.concluded_on.year == year]
    carried_out = [f for f in facts if f.concluded_on is None or f.concluded_on.year > year]
    return new, carried_in, concluded, carried_out


def test_2017_holds_the_seed_reports_facts(district):
    new, carried_in, concluded, carried_out = year_figures(district, 2017)
    assert (len(new), len(carried_in), len(concluded), len(carried_out)) == (5, 0, 5, 0)
    assert fee_summary(agency_ids=district, start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31)).notices == 0
    appeals = report_appeals(agency_ids=district, year=2017)
    qnz = Agency.objects.get(code="wsjkq-qnz").pk
    assert [(a.kind, a.agency_id, a.outcome) for a in appeals] == [
        (AppealKind.RECONSIDERATION, qnz, AppealOutcome.UPHELD)]
    descriptions = "".join(Application.objects.filter(received_on__year=2017).values_list("description", flat=True))
    assert "规划" in descriptions and "房屋" in descriptions and "产权" in descriptions


def test_later_years_balance_and_carry_over(district):
    n23, in23, done23, out23 = year_figures(district, 2023)
    n24, in24, done24, out24 = year_figures(district, 2024)
    assert len(n23) + len(in23) == len(done23) + len(out23)
    assert len(n24) + len(in24) == len(done24) + len(out24)
    assert {f.case_id for f in out23} == {f.case_id for f in in24} and len(in24) == 3
    assert len(out24) == 2
    assert Counter(f.result for f in done24).keys() == set(Result)
    fees = fee_summary(agency_ids=district, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert (fees.notices, fees.billed, fees.collected) == (3, Decimal("2400.00"), Decimal("1900.00"))
    kinds = {a.kind for a in report_appeals(agency_ids=district, year=2024)}
    assert kinds == set(AppealKind)


def test_idempotent(district):
    count = Application.objects.count()
    assert load_cases.load_step().startswith("已存在")
    assert Application.objects.count() == count


def test_each_step_of_a_2017_case_is_stamped_on_its_day(district):
    from django.utils import timezone

    from gongkai.core.events import events_for

    for app in Application.objects.filter(received_on__year=2017):
        events = list(events_for(app))
        days = [timezone.localtime(e.at).date() for e in events]
        assert days[0] == app.received_on and app.closed_on in days, app.pk   # then an appeal, if any
        assert days == sorted(days) and {d.year for d in days} == {2017}
        assert events[0].action == "case.registered"
