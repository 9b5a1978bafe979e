"""A 2021-format report drafts its text parts 一、五、六 from records too (issue 12 §6).

一、总体情况 comes out under the headings of 国办公开办函〔2021〕30号 (主动公开, 依申请公开, 政府信息管理, 平台建设,
监督保障) with the same facts a 2008-form report's part 一 states (organisation, sections, units and staff,
websites, the mailbox and its rates, trainings); 五 and 六 start from their records (carried-over applications,
appeals, fee notices and fees). The office edits them; its text is kept across rebuilds and goes into every
version, while a part it left as drafted follows the records. The tables are not touched.
"""

import datetime as dt

import pytest

from gongkai.agencies.models import Agency
from gongkai.cases.tests.factories import walk_in
from gongkai.core.models import Event
from gongkai.reports import services
from gongkai.reports.domain.forms import ReportForm

YEAR = 2024
HEADINGS = ("（一）主动公开。", "（二）依申请公开。", "（三）政府信息管理。", "（四）政府信息公开平台建设。",
            "（五）监督保障。")


@pytest.fixture
def organised(personas):
    Agency.objects.filter(pk=personas.government.pk).update(
        office_name="测试区政府信息公开办公室", office_sections=["综合科", "发布科"], website="http://test.gov.cn")
    Agency.objects.filter(pk=personas.dept_a.pk).update(website="http://czj.test.gov.cn")
    personas.government.refresh_from_db()
    personas.dept_a.refresh_from_db()
    services.set_particular(actor=personas["publisher"], agency=personas.government, year=YEAR, key="leader",
                            text="副区长张三同志")
    walk_in(personas["handler_a"], personas.dept_a, arrived_on=dt.date(YEAR, 3, 4))
    return personas


def _generate(personas):
    return services.generate_report(actor=personas["publisher"], agency=personas.government, year=YEAR,
                                    scope_codes=["*"])


@pytest.mark.django_db
def test_part_one_is_drafted_from_records_under_the_2021_headings(organised):
    report = _generate(organised)
    assert report.form == ReportForm.F2021
    overview = report.narrative["overview"].split("\n")
    assert [line[:len(h)] for line, h in zip(overview[1:], HEADINGS, strict=True)] == list(HEADINGS)
    text = report.narrative["overview"]
    for fact in ("本年新收政府信息公开申请1件", "结转下年度继续办理1件", "明确副区长张三同志分管",
                 "测试区政府信息公开办公室负责统筹推进", "下设综合科、发布科2个科室", "3个部门（镇街）",
                 "2个部门网站整合上线", "（http://test.gov.cn）"):
        assert fact in text, fact
    assert "本年度结转下年度继续办理的政府信息公开申请1件" in report.narrative["problems"]
    assert report.narrative["other"].startswith("（一）按照《政府信息公开信息处理费管理办法》收取信息处理费情况：")
    # What the draft states agrees with the tables and figures it was drafted from.
    assert services.contradictions(report) == []
    # The tables are the national ones, unchanged: 表三 has its 25 rows, the figures' extra facts are no cells.
    assert len(report.snapshot["tables"]["table3"]) == 25 and set(report.snapshot["tables"]) == {
        "form", "table2", "table3", "table4"}


@pytest.mark.django_db
def test_the_office_text_is_kept_across_rebuilds_and_versions(organised):
    report = _generate(organised)
    drafted_other = report.narrative["other"]
    problems = "一是政策解读形式单一。下一步将丰富解读形式。"
    overview = report.narrative["overview"].replace("从事信息公开工作。", "从事信息公开工作，并建立季度通报制度。")
    services.update_narrative(actor=organised["publisher"], report=report,
                              narrative={"problems": problems, "overview": overview})
    # New records come in: the rebuild keeps what the office wrote, and the part it left drafted follows them.
    walk_in(organised["handler_a"], organised.dept_a, arrived_on=dt.date(YEAR, 5, 6))
    rebuilt = _generate(organised)
    assert rebuilt.pk == report.pk
    assert rebuilt.narrative["problems"] == problems and rebuilt.narrative["overview"] == overview
    assert rebuilt.narrative["other"] == drafted_other  # no fee record changed
    assert rebuilt.snapshot["tables"]["table3"]["new"]["total"] == 2
    # The office's overview states 1 new and 1 carried-over application where the records count 2: flagged.
    assert sorted(c.phrase for c in services.contradictions(rebuilt)) == ["新收政府信息公开申请", "结转下年度继续办理"]
    edit = Event.objects.get(action="report.narrative_edited", object_id=str(report.pk))
    assert edit.after["problems"] == problems and edit.before["problems"].startswith("本年度结转下年度")

    services.publish_report(actor=organised["publisher"], report=rebuilt, signed_on=dt.date(YEAR + 1, 1, 20))
    correction = services.start_correction(actor=organised["publisher"], report=rebuilt, note="更正新收申请数")
    assert correction.narrative["problems"] == problems
    services.update_narrative(actor=organised["publisher"], report=correction,
                              narrative={"overview": services.draft_from(correction.snapshot,
                                                                         agency=organised.government)["overview"]})
    again = _generate(organised)
    assert again.version == 2 and again.narrative["problems"] == problems
    assert "本年新收政府信息公开申请2件" in again.narrative["overview"]


@pytest.mark.django_db
def test_an_unedited_draft_follows_the_records(organised):
    report = _generate(organised)
    assert "本年新收政府信息公开申请1件" in report.narrative["overview"]
    walk_in(organised["handler_a"], organised.dept_a, arrived_on=dt.date(YEAR, 5, 6))
    rebuilt = _generate(organised)
    assert "本年新收政府信息公开申请2件" in rebuilt.narrative["overview"]
    assert "继续办理的政府信息公开申请2件" in rebuilt.narrative["problems"]
