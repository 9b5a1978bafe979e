import datetime as dt
from decimal import Decimal

import pytest

from gongkai.cases.services_appeals import record_appeal
from gongkai.cases.tests.factories import walk_in
from gongkai.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from gongkai.core.models import Event
from gongkai.reports import services
from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.models import AnnualReport, DeclaredFigure, ReportStatus
from gongkai.reports.selectors import cell_record_ids, public_report_years

YEAR = 2024
LICENSING = "第二十条第（五）项|行政许可|本年处理决定数量"


@pytest.fixture
def records(personas):
    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=dt.date(YEAR, 3, 4))
    appeal = record_appeal(actor=personas["handler_a"], agency=personas.dept_a, kind="reconsideration",
                           body="测试区人民政府", filed_on=dt.date(YEAR, 6, 1), application=app)
    return app, appeal


@pytest.mark.django_db
def test_generate_freezes_the_rolled_up_data_with_drill_down(personas, records):
    app, _appeal = records
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR,
                                      scope_codes=[personas.dept_a.code])
    assert report.form == ReportForm.F2021 and report.version == 1 and report.status == ReportStatus.DRAFT
    table3 = report.snapshot["tables"]["table3"]
    assert table3["new"]["natural_person"] == 1 and table3["carried_out"]["total"] == 1
    assert cell_record_ids(report, "table3", "new", "total") == [app.pk]
    assert report.snapshot["tables"]["table4"]["reconsideration"] == {
        "upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    assert report.snapshot["per_agency"][str(personas.dept_a.pk)]["table3"]["new"] == 1
    assert {a.code for a in report.scope.all()} == {personas.government.code, personas.dept_a.code}
    assert "本年新收政府信息公开申请1件" in report.narrative["overview"]
    assert Event.objects.filter(action="report.generated", object_id=str(report.pk)).count() == 1


@pytest.mark.django_db
def test_the_agency_alone_does_not_count_its_departments(personas, records):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR)
    assert report.snapshot["tables"]["table3"]["new"]["total"] == 0


@pytest.mark.django_db
def test_scope_outside_the_subtree_is_refused_and_nothing_is_written(personas):
    with pytest.raises(ValidationFailed, match="不在"):
        services.generate_report(actor=personas["publisher"], agency=personas.dept_a, year=YEAR,
                                 scope_codes=[personas.dept_b.code])
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db
def test_editor_may_not_generate(personas):
    with pytest.raises(NotAllowed):
        services.generate_report(actor=personas["editor_a"], agency=personas.dept_a, year=YEAR)
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db
def test_publish_then_never_change_and_correct_as_a_new_version(personas, records):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR,
                                      scope_codes=["*"])
    services.publish_report(actor=personas["publisher"], report=report)
    report.refresh_from_db()
    frozen = dict(report.snapshot)
    with pytest.raises(InvalidTransition):
        services.update_narrative(actor=personas["publisher"], report=report, narrative={"overview": "改"})
    with pytest.raises(InvalidTransition):
        services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR)
    with pytest.raises(ValidationFailed):
        services.start_correction(actor=personas["publisher"], report=report, note=" ")
    correction = services.start_correction(actor=personas["publisher"], report=report, note="更正表二数字")
    assert (correction.version, correction.corrects_id, correction.status) == (2, report.pk, ReportStatus.DRAFT)
    services.publish_report(actor=personas["publisher"], report=correction)
    report.refresh_from_db()
    assert report.snapshot == frozen and report.status == ReportStatus.PUBLISHED
    assert [r.version for r in public_report_years(personas.government)] == [2]


@pytest.mark.django_db
def test_a_failing_identity_blocks_publication(personas):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR)
    # A snapshot whose tables do not add up (as an imported or hand-altered one could be) is refused.
    report.snapshot["findings"].append({"level": "error", "code": "balance", "message": "勾稽关系不成立", "cells": []})
    report.save()
    with pytest.raises(ValidationFailed, match="不能发布"):
        services.publish_report(actor=personas["publisher"], report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.published_at is None


@pytest.mark.django_db
def test_admin_may_edit_but_not_publish(personas):
    report = services.generate_report(actor=personas["admin"], agency=personas.government, year=YEAR)
    with pytest.raises(NotAllowed):
        services.publish_report(actor=personas["admin"], report=report)


@pytest.mark.django_db
def test_declared_figures_are_kept_with_source_and_enter_the_table(personas):
    with pytest.raises(ValidationFailed, match="来源"):
        services.declare_figure(actor=personas["publisher"], agency=personas.government, year=YEAR,
                                cell=LICENSING, value="12", source="")
    with pytest.raises(ValidationFailed, match="不能填报"):
        services.declare_figure(actor=personas["publisher"], agency=personas.government, year=YEAR,
                                cell="第二十条第（一）项|规章|本年制发件数", value="1", source="x")
    with pytest.raises(ValidationFailed, match="负数"):
        services.declare_figure(actor=personas["publisher"], agency=personas.government, year=YEAR,
                                cell=LICENSING, value="-1", source="x")
    assert not DeclaredFigure.objects.exists()
    services.declare_figure(actor=personas["publisher"], agency=personas.government, year=YEAR, cell=LICENSING,
                            value="12", source="行政审批系统年度统计")
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR)
    assert report.snapshot["tables"]["table2"]["第二十条第（五）项|行政许可"]["本年处理决定数量"] == 12
    assert report.snapshot["declared"][LICENSING]["sources"][0]["source"] == "行政审批系统年度统计"
    assert Event.objects.filter(action="report.figure_declared").count() == 1


@pytest.mark.django_db
def test_cross_year_check_against_an_imported_past_report(personas):
    tables = {"form": "2021", "table2": {}, "table3": {"carried_out": {
        "natural_person": 2, "commercial": 0, "research": 0, "public_interest": 0, "legal_services": 0,
        "other": 0, "total": 2}}, "table4": {}}
    services.import_past_report(actor=personas["publisher"], agency=personas.government, year=YEAR - 1,
                                tables=tables, source_name="2023.json")
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR)
    codes = [(f["level"], f["code"]) for f in report.snapshot["findings"]]
    assert ("warning", "carry_over") in codes
    services.publish_report(actor=personas["publisher"], report=report)  # warnings do not block


@pytest.mark.django_db
def test_legacy_form_for_2017(personas):
    report = services.generate_report(actor=personas["publisher"], agency=personas.government, year=2017)
    assert report.form == ReportForm.LEGACY
    assert set(report.narrative) == {"preamble", "overview", "proactive", "requests", "fees", "appeals", "problems"}
    assert Decimal(report.snapshot["figures"][0]["value"] or 0) == 0
