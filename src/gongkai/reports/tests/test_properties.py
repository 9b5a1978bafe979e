"""Property tests: for random case histories, table 三 satisfies every identity and every drill-down list
has as many records as its cell."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.cases.domain.appeals import AppealKind, AppealOutcome
from gongkai.cases.domain.applicants import ApplicantType
from gongkai.cases.domain.facts import AppealFact, ApplicationFact
from gongkai.cases.domain.results import Result
from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.layout import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, table3_rows
from gongkai.reports.domain.reconcile import check_across_years, check_table3, check_table4
from gongkai.reports.domain.snapshot import ReportInputs, build_snapshot, drill_ids
from gongkai.reports.domain.statistics import count_table3

DAY0 = dt.date(2022, 1, 1)


@st.composite
def histories(draw):
    n = draw(st.integers(min_value=0, max_value=60))
    facts = []
    for case_id in range(1, n + 1):
        received = DAY0 + dt.timedelta(days=draw(st.integers(0, 3 * 366)))
        open_case = draw(st.booleans()) and draw(st.booleans())
        concluded = None if open_case else received + dt.timedelta(days=draw(st.integers(0, 400)))
        result = None if open_case else draw(st.one_of(st.none(), st.sampled_from(list(Result))))
        facts.append(ApplicationFact(case_id, f"T{case_id}", 1, draw(st.sampled_from(list(ApplicantType))),
                                     received, concluded, result))
    return facts


@settings(max_examples=150, deadline=None)
@given(histories(), st.sampled_from([2022, 2023, 2024]), st.booleans())
def test_table3_identities_hold_for_any_history(facts, year, trial):
    cells = count_table3(facts, year, trial_2019=trial).cells
    assert check_table3(cells, trial_2019=trial) == []


@st.composite
def appeal_histories(draw):
    appeals = []
    for appeal_id in range(1, draw(st.integers(0, 15)) + 1):
        filed = DAY0 + dt.timedelta(days=draw(st.integers(0, 3 * 366)))
        decided = draw(st.one_of(st.none(), st.integers(0, 300)))
        appeals.append(AppealFact(
            appeal_id, None, 1, draw(st.sampled_from(list(AppealKind))), filed,
            None if decided is None else filed + dt.timedelta(days=decided),
            AppealOutcome.PENDING if decided is None else draw(st.sampled_from(list(AppealOutcome)))))
    return appeals


@settings(max_examples=80, deadline=None)
@given(histories(), appeal_histories(), st.sampled_from([2022, 2023, 2024]), st.booleans())
def test_every_drill_down_list_has_as_many_records_as_its_cell(facts, appeals, year, trial):
    form = ReportForm.TRIAL_2019 if trial else ReportForm.F2021
    snapshot = build_snapshot(ReportInputs(year=year, form=form, agency={"id": 1, "code": "a", "name": "A"},
                                           scope=[{"id": 1, "code": "a", "name": "A"}], applications=facts,
                                           appeals=appeals))
    table3, table4 = snapshot["tables"]["table3"], snapshot["tables"]["table4"]
    for row in table3_rows(trial):
        for column in T3_COLUMNS:
            ids = drill_ids(snapshot, "table3", row.key, column)
            assert len(ids) == table3[row.key][column]
            assert len(set(ids)) == len(ids)
    assert check_table4(table4) == []
    for group in T4_GROUPS:
        for column in T4_COLUMNS:
            assert len(drill_ids(snapshot, "table4", group, column)) == table4[group][column]


@settings(max_examples=60, deadline=None)
@given(histories(), st.sampled_from([2022, 2023]))
def test_carry_over_matches_across_consecutive_years(facts, year):
    this = {"form": "2021", "table3": count_table3(facts, year + 1).cells, "table2": {}}
    last = {"form": "2021", "table3": count_table3(facts, year).cells, "table2": {}}
    assert check_across_years(this, last) == []
