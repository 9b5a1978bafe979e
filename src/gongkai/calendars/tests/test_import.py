import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.calendars.deadlines import register_deadline_recomputer, unregister_deadline_recomputer
from gongkai.calendars.domain.notice import HolidayNotice, NoticeError, missing_holidays, parse_notice
from gongkai.calendars.models import CalendarYear
from gongkai.calendars.official import add_working_days
from gongkai.calendars.services import IncompleteNotice, set_calendar_year
from gongkai.core.actors import System
from gongkai.core.events import record_event
from gongkai.core.models import Event

# A made-up 2027 arrangement (the real notice is not out yet): 元旦 1/1-1/3, 春节 2/5-2/11 with Saturday
# 2/13 worked, and every other statutory holiday of the year on its statutory dates.
NOTICE_2027 = {
    "year": 2027,
    "document_number": "测试〔2026〕1号",
    "title": "2027年部分节假日安排（测试）",
    "holidays": [
        {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
        {"name": "春节", "start": "2027-02-05", "end": "2027-02-11"},
        {"name": "清明节", "dates": ["2027-04-05"]},
        {"name": "劳动节", "start": "2027-05-01", "end": "2027-05-05"},
        {"name": "端午节", "dates": ["2027-06-09"]},
        {"name": "中秋节、国庆节", "start": "2027-09-15", "end": "2027-09-15"},
        {"name": "国庆节", "start": "2027-10-01", "end": "2027-10-07"},
    ],
    "workdays": [{"name": "春节", "date": "2027-02-13"}],
}
HALF_NOTICE_2027 = {**NOTICE_2027, "holidays": [{"name": "元旦", "dates": ["2027-01-01"]}], "workdays": []}


def run(*args) -> list[str]:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_cli_prints_due_date_and_provisional_flag():
    assert run("workdays", "add", "2022-04-25", "7") == ["2022-05-07"]
    assert run("workdays", "add", "2024-02-05", "15") == ["2024-03-01"]
    assert run("workdays", "add", "2027-02-04", "1") == ["2027-02-09", "provisional"]


@pytest.mark.django_db
def test_cli_explain_lists_days():
    lines = run("workdays", "add", "2022-04-29", "1", "--explain")
    assert lines[0] == "2022-05-05"
    assert any("2022-05-01 周日 跳过：劳动节放假" in line for line in lines)


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), [
    (("2022-13-01", "3"), "格式不正确"),
    (("2022-01-01", "x"), "非负整数"),
    (("2022-01-01", "-2"), "0 至 2000"),
])
def test_cli_rejects_bad_input_clearly(args, message):
    with pytest.raises(CommandError, match=message):
        run("workdays", "add", *args)


@pytest.mark.django_db
def test_importing_a_year_removes_the_provisional_mark_and_moves_the_date(tmp_path):
    before = add_working_days(dt.date(2027, 2, 4), 1)
    assert (before.due, before.provisional) == (dt.date(2027, 2, 9), True)

    path = tmp_path / "2027.json"
    path.write_text(json.dumps(NOTICE_2027, ensure_ascii=False), encoding="utf-8")
    out = run("calendar", "import", str(path))
    assert out[0].startswith("已导入2027年放假安排（测试〔2026〕1号）")

    after = add_working_days(dt.date(2027, 2, 4), 1)
    assert (after.due, after.provisional) == (dt.date(2027, 2, 12), False)
    assert add_working_days(dt.date(2027, 2, 12), 1).due == dt.date(2027, 2, 13)  # the make-up Saturday
    event = Event.objects.get(action="calendar.year_set")
    assert event.legal_basis == "测试〔2026〕1号"
    assert "2027-02-09" in event.payload["changed_dates"]


@pytest.mark.django_db
def test_a_calendar_change_recomputes_registered_deadlines_and_reimport_replaces():
    calls = []

    def recompute(*, calendar, changed_years, actor):
        calls.append((sorted(changed_years), calendar.add_working_days(dt.date(2027, 2, 4), 1).due))
        return 3

    register_deadline_recomputer("test", recompute)
    try:
        change = set_calendar_year(actor=System, notice=parse_notice(NOTICE_2027))
        assert change.recomputed["test"] == 3
        assert calls == [([2027], dt.date(2027, 2, 12))]
        # A revised notice moves 春节 a day earlier: 2/4-2/10.
        revised = {**NOTICE_2027, "holidays": [
            {"name": "春节", "start": "2027-02-04", "end": "2027-02-10"}, *NOTICE_2027["holidays"][2:],
            {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
        ]}
        change = set_calendar_year(actor=System, notice=parse_notice(revised))
        assert change.created is False
        assert calls[-1] == ([2027], dt.date(2027, 2, 11))
        assert CalendarYear.objects.get(year=2027).days.filter(date="2027-02-04").exists()
    finally:
        unregister_deadline_recomputer("test")


@pytest.mark.parametrize(("patch", "problem"), [
    ({"year": 1999}, "year 应为"),
    ({"document_number": ""}, "通知文号"),
    ({"workdays": [{"date": "2027-02-10"}]}, "周一至周五"),
    ({"workdays": [{"date": "2027-02-06"}]}, "同时被列为放假日"),
    ({"holidays": [{"name": "春节", "start": "2027-02-11", "end": "2027-02-05"}]}, "结束日期早于开始日期"),
    ({"holidays": [{"name": "元旦", "dates": ["2029-01-01"]}]}, "不在 2027 年通知的范围内"),
    ({"holidays": []}, "holidays 为空"),
    ({"holidays": [{"name": "元旦", "dates": ["2027-01-01"]}]},
     "缺少法定节假日 春节、清明节、劳动节、端午节、中秋节、国庆节"),
])
def test_bad_notices_are_refused_with_every_problem(patch, problem):
    with pytest.raises(NoticeError) as info:
        parse_notice({**NOTICE_2027, **patch})
    assert any(problem in p for p in info.value.problems), info.value.problems


@pytest.mark.django_db
def test_import_cli_reports_bad_file_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="不是有效的 UTF-8 JSON"):
        run("calendar", "import", str(path))
    with pytest.raises(CommandError, match="找不到文件"):
        run("calendar", "import", str(tmp_path / "missing.json"))
    assert not CalendarYear.objects.exists()


@pytest.mark.django_db
def test_show_lists_holidays_and_make_up_days():
    lines = run("calendar", "show", "2024")
    assert "2024-02-18 上班 调休上班（春节）" in lines
    assert "2024-02-12 放假 春节放假" in lines


@pytest.mark.parametrize(("year", "names", "missing"), [
    (2027, ["元旦"], ["春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]),
    (2023, ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节、国庆节"], []),  # 2023's joined entry
    (2020, ["元旦", "春节", "清明节", "劳动节", "端午节", "国庆节、中秋节"], []),
    (2015, ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"], []),
    (2024, ["元旦", "春节", "清明节", "劳动节", "端午节", "国庆节"], ["中秋节"]),
    (2007, ["元旦", "春节", "劳动节", "国庆节"], []),  # before 国务院令第513号: four holidays
    (2007, ["春节", "劳动节", "国庆节"], ["元旦"]),
])
def test_missing_holidays_follows_the_statute_of_the_year(year, names, missing):
    assert missing_holidays(year, names) == missing


@pytest.mark.django_db
def test_a_half_notice_is_refused_and_the_year_stays_provisional(tmp_path):
    path = tmp_path / "2027-half.json"
    path.write_text(json.dumps(HALF_NOTICE_2027, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run("calendar", "import", str(path))
    assert "缺少法定节假日 春节、清明节、劳动节、端午节、中秋节、国庆节" in str(info.value)
    assert not CalendarYear.objects.exists()
    # 春节 (2/5-2/8 by the statute) is still skipped, and the date still says provisional.
    assert run("workdays", "add", "2027-02-01", "5") == ["2027-02-10", "provisional"]
    # The service refuses a half notice built any other way too, naming what is missing.
    notice = HolidayNotice(year=2027, document_number="测试", title="", published_on=None,
                           holidays={dt.date(2027, 1, 1): "元旦"}, workdays={})
    with pytest.raises(IncompleteNotice) as refused:
        set_calendar_year(actor=System, notice=notice)
    assert refused.value.params["missing"] == ["春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    assert not CalendarYear.objects.exists()


@pytest.mark.django_db
def test_the_import_lists_every_deadline_it_moved(tmp_path):
    def recompute(*, calendar, changed_years, actor):
        year = CalendarYear.objects.get(year=2027)
        record_event(actor=actor, obj=year, action="test.deadline_recomputed",
                     before={"due_on": "2027-02-09"}, after={"due_on": "2027-02-12"})
        return 1

    register_deadline_recomputer("test", recompute)
    try:
        path = tmp_path / "2027.json"
        path.write_text(json.dumps(NOTICE_2027, ensure_ascii=False), encoding="utf-8")
        lines = run("calendar", "import", str(path))
    finally:
        unregister_deadline_recomputer("test")
    assert "  重新计算期限 test: 1" in lines
    assert "    2027年（测试〔2026〕1号）：due_on 2027-02-09 → 2027-02-12" in lines


def test_the_readme_notice_example_is_a_complete_notice():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[4] / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", readme, re.S).group(1)
    notice = parse_notice(json.loads(example))
    assert (notice.year, len(notice.holidays), len(notice.workdays)) == (2027, 23, 1)
