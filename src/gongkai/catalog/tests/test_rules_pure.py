"""Pure rules of the catalog: workflow table, 索引号 formats, disclosure attributes, taxonomies, 公开清单 dates,
import row checks, revision comparison."""

import datetime as dt

import pytest

from gongkai.catalog.domain.disclosure import attribute_problems
from gongkai.catalog.domain.import_rows import Lookups, check_rows, header_problems, parse_date
from gongkai.catalog.domain.index_numbers import (
    IndexNumberError,
    IndexScheme,
    Period,
    PrefixSource,
    format_index_number,
    parse_index_number,
    period_key,
    prefix,
)
from gongkai.catalog.domain.matters import Periodicity, days_late, due_date, periods_ending_by
from gongkai.catalog.domain.revisions import compare
from gongkai.catalog.domain.states import Status, TransitionRefused, available, check_transition
from gongkai.catalog.domain.taxonomies import ART20, DEFAULTS, GENRES, Scheme, statutory_items


@pytest.mark.parametrize(("name", "current", "target"), [
    ("submit", Status.DRAFT, Status.SUBMITTED),
    ("review", Status.SUBMITTED, Status.REVIEWED),
    ("reject_review", Status.SUBMITTED, Status.DRAFT),
    ("secrecy_review", Status.REVIEWED, Status.SECRECY_REVIEWED),
    ("reject_secrecy", Status.REVIEWED, Status.DRAFT),
    ("publish", Status.SECRECY_REVIEWED, Status.PUBLISHED),
    ("publish", Status.SCHEDULED, Status.PUBLISHED),
    ("schedule", Status.SECRECY_REVIEWED, Status.SCHEDULED),
    ("unschedule", Status.SCHEDULED, Status.SECRECY_REVIEWED),
    ("reject_publish", Status.SECRECY_REVIEWED, Status.DRAFT),
    ("withdraw", Status.PUBLISHED, Status.WITHDRAWN),
])
def test_allowed_transitions(name, current, target):
    assert check_transition(name, current, reason="理由").target == target


@pytest.mark.parametrize(("name", "current"), [
    ("publish", Status.DRAFT), ("publish", Status.SUBMITTED), ("publish", Status.REVIEWED),
    ("review", Status.DRAFT), ("secrecy_review", Status.SUBMITTED), ("withdraw", Status.DRAFT),
    ("submit", Status.PUBLISHED), ("withdraw", Status.WITHDRAWN),
])
def test_refused_transitions(name, current):
    with pytest.raises(TransitionRefused) as exc:
        check_transition(name, current, reason="理由")
    assert exc.value.code == "catalog.wrong_state"


def test_rejection_and_withdrawal_need_a_reason():
    with pytest.raises(TransitionRefused):
        check_transition("withdraw", Status.PUBLISHED, reason=" ")
    assert [t.name for t in available(Status.PUBLISHED)] == ["withdraw"]


@pytest.mark.parametrize(("scheme", "on", "expected"), [
    (IndexScheme(), dt.date(2018, 3, 1), "000014349/2018-00222"),
    (IndexScheme(PrefixSource.USCC, Period.MONTH), dt.date(2021, 10, 8), "11341702486344515H/202110-00222"),
])
def test_index_number_formats(scheme, on, expected):
    code = prefix(scheme, org_code="000014349", uscc="11341702486344515H")
    assert format_index_number(scheme, code_prefix=code, period=period_key(scheme, on), serial=222) == expected


def test_national_format_is_20_characters_and_parses_back():
    number = format_index_number(IndexScheme(), code_prefix="000014349", period="2018", serial=222)
    assert len(number) == 20 and parse_index_number(number) == ("000014349", "2018", 222)
    assert parse_index_number("ABC") is None and parse_index_number("x/2018-") is None


def test_index_number_refusals():
    with pytest.raises(IndexNumberError):
        prefix(IndexScheme(PrefixSource.USCC), org_code="000014349", uscc="")
    with pytest.raises(IndexNumberError):
        prefix(IndexScheme(), org_code="", uscc="")
    assert prefix(IndexScheme(), org_code="", uscc="11341702486344515H") == "486344515"
    with pytest.raises(IndexNumberError):
        format_index_number(IndexScheme(), code_prefix="000014349", period="2018", serial=100000)


@pytest.mark.parametrize(("mode", "basis", "problems"), [
    ("proactive", "", []),
    ("proactive", "state_secret", ["主动公开的信息不应填写不公开依据"]),
    ("withheld", "", ["不予公开的信息须选择法律依据（条例第十四至十六条）"]),
    ("on_request", "third_party", []),
    ("secret", "", ["公开方式无效"]),
])
def test_disclosure_attribute(mode, basis, problems):
    assert attribute_problems(mode, basis) == problems


def test_taxonomies_shipped():
    assert len(GENRES) == 16 and GENRES[-1][1] == "其他"
    statutory = dict((c, label) for c, label, _ in statutory_items())
    assert len(ART20) == 15
    assert statutory["art20-01"] == "第二十条第（一）项　行政法规、规章和规范性文件"
    assert statutory["art20-15"].endswith("法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息")
    assert statutory["art20-08"].endswith("行政事业性收费项目及其依据、标准")
    assert "art21-township-08" in statutory
    for scheme, rows in DEFAULTS.items():
        codes = [c for c, _, _ in rows]
        assert len(codes) == len(set(codes)), scheme
        assert all(parent in codes for _, _, parent in rows if parent), scheme
    assert {label for _, label, _ in DEFAULTS[Scheme.CATEGORY]} >= {"公文", "人事", "规划计划", "统计分析", "财政数据",
                                                                   "工作动态", "便民服务"}


def test_matter_periods_and_lateness():
    ends = periods_ending_by(Periodicity.MONTHLY, dt.date(2024, 1, 1), dt.date(2024, 3, 15))
    assert ends == [("2024年1月", dt.date(2024, 1, 31)), ("2024年2月", dt.date(2024, 2, 29))]
    assert periods_ending_by(Periodicity.EVENT, dt.date(2024, 1, 1), dt.date(2025, 1, 1)) == []
    assert due_date(dt.date(2024, 3, 1), 20, working=False, add_working_days=None) == dt.date(2024, 3, 21)
    assert days_late(dt.date(2024, 3, 21), dt.date(2024, 3, 25), dt.date(2024, 5, 1)) == 4
    assert days_late(dt.date(2024, 3, 21), None, dt.date(2024, 3, 20)) == 0


def test_import_rows():
    lookups = Lookups(terms={"genre": {"通知": 1}}, agencies={"a": 7}, default_agency=None,
                      existing_index_numbers=frozenset(), today=dt.date(2024, 1, 1))
    rows, errors = check_rows([
        {"名称": "甲", "发布日期": "2023/5/6", "发布机构": "a", "体裁": "通知"},
        {"名称": "乙", "发布日期": "2025-01-01", "发布机构": "a"},
        {"名称": "丙", "发布日期": "2023年5月6日", "发布机构": "b", "公开方式": "不予公开"},
    ], lookups)
    assert rows[0].values["published_on"] == dt.date(2023, 5, 6) and rows[0].values["genre_id"] == 1
    assert [str(e) for e in errors] == [
        "第3行【发布日期】：不能晚于今天",
        "第4行【发布机构】：机构代码“b”不存在或无权导入",
        "第4行【公开方式】：只能导入已主动公开的信息（依申请公开、不予公开的信息请逐件登记并填写依据）",
    ]
    assert parse_date("") is None
    assert header_problems(["名称", "名称", "发布日期"], agency_given=True) == ["列重复：名称"]


def test_revision_comparison():
    [title, body] = compare({"title": "甲", "body": "一\n二"}, {"title": "甲", "body": "一\n三\n四"}, ["title", "body"])
    assert not title.changed
    assert body.changed and body.lines == (("equal", "一", "一"), ("replace", "二", "三"), ("replace", "", "四"))
