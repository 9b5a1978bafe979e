import datetime as dt

import pytest

from gongkai.reports.domain.deadlines import report_due_on
from gongkai.reports.domain.forms import ReportForm, default_form


@pytest.mark.parametrize(
    ("kind", "year", "due"),
    [
        ("department", 2024, dt.date(2025, 1, 31)),   # 条例 (2019) art. 49 ¶1
        ("government", 2024, dt.date(2025, 3, 31)),   # art. 49 ¶2
        ("township", 2024, dt.date(2025, 3, 31)),     # not named in art. 49: configurable default
        ("department", 2018, dt.date(2019, 3, 31)),   # 条例 (2008) art. 31: every organ by 31 March
        ("government", 2017, dt.date(2018, 3, 31)),
    ],
)
def test_report_due_dates(kind, year, due):
    assert report_due_on(kind, year) == due


def test_township_due_date_is_configurable():
    assert report_due_on("township", 2024, township_due=(1, 31)) == dt.date(2025, 1, 31)


@pytest.mark.parametrize(("year", "form"), [(2017, ReportForm.LEGACY), (2018, ReportForm.LEGACY),
                                            (2019, ReportForm.TRIAL_2019), (2020, ReportForm.TRIAL_2019),
                                            (2021, ReportForm.F2021), (2024, ReportForm.F2021)])
def test_form_follows_the_year(year, form):
    assert default_form(year) == form
