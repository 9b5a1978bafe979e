"""The typed readers the interfaces use instead of raw JSON and their own counting: a report snapshot as
dataclasses, and a year's applications counted by month and agency (the dashboard's on-time rate)."""

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.cases.domain.applicants import ApplicantType
from gongkai.cases.domain.facts import ApplicationFact
from gongkai.cases.domain.results import Result
from gongkai.cases.domain.timeliness import ApplicationFigures, count_applications
from gongkai.cases.tests.factories import walk_in
from gongkai.reports.domain.snapshot_reader import read_snapshot
from gongkai.reports.selectors import report_snapshot
from gongkai.reports.services import generate_report

D = dt.date


def _fact(case_id, agency_id, received_on, *, answered_on=None, late=None):
    return ApplicationFact(case_id, f"GK{case_id}", agency_id, ApplicantType.NATURAL_PERSON, received_on,
                           answered_on, Result.DISCLOSED if answered_on else None, answered_on=answered_on, late=late)


def test_applications_are_counted_where_they_happened_and_late_answers_lower_the_rate():
    facts = [
        _fact(1, 10, D(2024, 1, 5), answered_on=D(2024, 2, 1), late=False),
        _fact(2, 10, D(2024, 1, 8), answered_on=D(2024, 2, 20), late=True),
        _fact(3, 11, D(2024, 2, 3), answered_on=D(2024, 2, 25), late=False),
        _fact(4, 11, D(2023, 12, 28), answered_on=D(2024, 1, 10), late=False),   # received last year
        _fact(5, 10, D(2024, 3, 1)),                                             # still open
    ]
    by_month = count_applications(facts, 2024, "month")
    assert by_month[1] == ApplicationFigures(received=2, concluded=1, answered=1, late=0)
    assert by_month[2] == ApplicationFigures(received=1, concluded=3, answered=3, late=1)
    assert by_month[2].on_time_rate == 66.7
    assert by_month[3].on_time_rate is None
    by_agency = count_applications(facts, 2024, "agency")
    assert (by_agency[10].received, by_agency[10].answered, by_agency[10].on_time_rate) == (3, 2, 50.0)
    assert (by_agency[11].received, by_agency[11].on_time_rate) == (1, 100.0)


def test_an_empty_snapshot_reads_as_empty():
    snapshot = read_snapshot(None)
    assert (snapshot.scope, snapshot.findings, snapshot.figures, snapshot.shares, snapshot.tables) == (
        (), (), (), (), {})
    assert snapshot.agency is None and not snapshot.is_roll_up


@pytest.mark.django_db
def test_a_roll_up_snapshot_reads_as_its_json_says(personas):
    walk_in(personas["handler_a"], personas.dept_a, arrived_on=D(2024, 3, 4))
    report = generate_report(actor=personas["publisher"], agency=personas.government, year=2024,
                             scope_codes=["*"])
    raw = report.snapshot
    snapshot = report_snapshot(report)
    assert snapshot.is_roll_up and (snapshot.year, snapshot.form) == (2024, raw["form"])
    assert [(a.id, a.code, a.name) for a in snapshot.scope] == [(a["id"], a["code"], a["name"]) for a in raw["scope"]]
    shares = {s.agency.code: s for s in snapshot.shares}
    assert set(shares) == {a["code"] for a in raw["scope"]}
    assert (shares["dept-a"].new, shares["dept-b"].new) == (1, 0)
    assert [(f.level, f.code, f.message) for f in snapshot.findings] == [
        (f["level"], f["code"], f["message"]) for f in raw["findings"]]
    assert [f.key for f in snapshot.figures] == [f["key"] for f in raw["figures"]]
    assert all(not isinstance(f.value, str) for f in snapshot.figures)
    amounts = [f for f in snapshot.figures if isinstance(f.value, Decimal)]
    assert all(str(f.value) == next(r["value"] for r in raw["figures"] if r["key"] == f.key) for f in amounts)
