import datetime as dt
from decimal import Decimal

import pytest

from gongkai.cases.domain.appeals import AppealKind, AppealOutcome
from gongkai.cases.domain.applicants import ApplicantType
from gongkai.cases.domain.facts import AppealFact, ApplicationFact
from gongkai.cases.domain.results import Result
from gongkai.catalog.domain.facts import NormativeDocFact, NormativeKind
from gongkai.reports.domain.layout import table3_rows
from gongkai.reports.domain.reconcile import check_report
from gongkai.reports.domain.statistics import count_normative, count_table2, count_table3, count_table4

D = dt.date
P = ApplicantType.NATURAL_PERSON


def app(case_id, received, concluded=None, result=None, kind=P):
    return ApplicationFact(case_id, f"T{case_id}", 1, kind, received, concluded, result)


@pytest.mark.parametrize(
    ("fact", "rows"),
    [
        # received and concluded in the year: 一 and its result row
        (app(1, D(2024, 3, 1), D(2024, 3, 20), Result.DISCLOSED), {"new", "disclosed"}),
        # received last year, concluded this year: 二 上年结转 and its result row
        (app(2, D(2023, 12, 25), D(2024, 1, 10), Result.PARTIAL), {"carried_in", "partial"}),
        # received this year, open on 31 December: 一 and 四 结转下年度
        (app(3, D(2024, 12, 30)), {"new", "carried_out"}),
        # concluded on 1 January of the next year: still 结转下年度
        (app(4, D(2024, 12, 2), D(2025, 1, 1), Result.DISCLOSED), {"new", "carried_out"}),
        # received last year and still open: 二 and 四
        (app(5, D(2023, 6, 1)), {"carried_in", "carried_out"}),
        # concluded on the last day of the year counts this year
        (app(6, D(2024, 12, 31), D(2024, 12, 31), Result.OTHER_NO_CORRECTION), {"new", "other_no_correction"}),
    ],
)
def test_each_application_lands_in_one_intake_row_and_one_outcome_row(fact, rows):
    cells = count_table3([fact], 2024).cells
    nonzero = {row for row, values in cells.items() if values["natural_person"] and row != "results_total"}
    assert nonzero == rows
    assert check_report({"form": "2021", "table2": {}, "table3": cells,
                         "table4": count_table4([], 2024).cells}) == []


@pytest.mark.parametrize(
    "fact",
    [app(7, D(2025, 1, 1)), app(8, D(2023, 5, 1), D(2023, 12, 31), Result.DISCLOSED)],
)
def test_applications_outside_the_year_are_not_counted(fact):
    cells = count_table3([fact], 2024).cells
    assert all(v == 0 for values in cells.values() for v in values.values())


def test_2019_trial_counts_all_other_results_in_one_row():
    facts = [app(1, D(2020, 2, 1), D(2020, 2, 5), Result.OTHER_UNPAID_FEE),
             app(2, D(2020, 2, 1), D(2020, 2, 5), Result.OTHER)]
    cells = count_table3(facts, 2020, trial_2019=True).cells
    assert cells["other_all"]["total"] == 2
    assert "other_unpaid_fee" not in cells
    assert len(table3_rows(True)) == 23 and len(table3_rows(False)) == 25


def test_case_closed_without_a_result_counts_under_other():
    cells = count_table3([app(1, D(2024, 1, 5), D(2024, 1, 9), None)], 2024).cells
    assert cells["other"]["total"] == 1


def test_columns_follow_the_applicant_type():
    cells = count_table3([app(1, D(2024, 1, 5), kind=ApplicantType.LEGAL_SERVICES)], 2024).cells
    assert cells["new"] == {"natural_person": 0, "commercial": 0, "research": 0, "public_interest": 0,
                            "legal_services": 1, "other": 0, "total": 1}


def test_table4_counts_appeals_filed_in_the_year_by_their_outcome_at_year_end():
    appeals = [
        AppealFact(1, None, 1, AppealKind.RECONSIDERATION, D(2024, 2, 1), D(2024, 4, 1), AppealOutcome.UPHELD),
        AppealFact(2, None, 1, AppealKind.RECONSIDERATION, D(2024, 11, 1), D(2025, 2, 1), AppealOutcome.CORRECTED),
        AppealFact(3, None, 1, AppealKind.SUIT_AFTER_RECONSIDERATION, D(2024, 5, 1), None, AppealOutcome.PENDING),
        AppealFact(4, None, 1, AppealKind.DIRECT_SUIT, D(2023, 5, 1), D(2024, 1, 9), AppealOutcome.OTHER),
    ]
    counted = count_table4(appeals, 2024)
    assert counted.cells["reconsideration"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert counted.cells["suit_after_reconsideration"]["pending"] == 1
    assert counted.cells["direct_suit"]["total"] == 0
    assert counted.ids["reconsideration:pending"] == [2]


def test_table2_normative_cells_and_declared_cells():
    docs = [
        NormativeDocFact(1, 1, NormativeKind.NORMATIVE, "a", D(2024, 2, 1), None, None),
        NormativeDocFact(2, 1, NormativeKind.NORMATIVE, "b", D(2019, 2, 1), None, D(2024, 6, 1)),
        NormativeDocFact(3, 1, NormativeKind.NORMATIVE, "c", D(2020, 2, 1), None, D(2025, 6, 1)),
        NormativeDocFact(4, 1, NormativeKind.RULE, "d", D(2025, 1, 2), None, None),
    ]
    declared = {"第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）": Decimal("3.5")}
    counted = count_table2(count_normative(docs, 2024), declared)
    assert counted.cells["第二十条第（一）项|行政规范性文件"] == {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 2}
    assert counted.cells["第二十条第（一）项|规章"] == {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0}
    assert counted.cells["第二十条第（八）项|行政事业性收费"] == {"本年收费金额（单位：万元）": Decimal("3.5")}
    assert counted.cells["第二十条第（五）项|行政许可"] == {"本年处理决定数量": None}
    assert counted.ids["第二十条第（一）项|行政规范性文件|现行有效件数"] == [1, 3]
