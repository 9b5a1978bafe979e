"""Pure screening rules: GB 11643 check digit, Luhn, mobile numbers, listed words; findings are masked."""

import pytest

from gongkai.catalog.domain.screening import (
    FindingKind,
    id_check_digit_ok,
    luhn_ok,
    personal_data,
    screen,
)


@pytest.mark.parametrize(("number", "ok"), [
    ("11010519491231002X", True),    # the GB 11643-1999 standard's example
    ("11010519491231002x", True),
    ("110105194912310021", False),   # wrong check digit
    ("440524188001010014", True),
    ("44052418800101001", False),    # 17 digits
])
def test_id_check_digit(number, ok):
    assert id_check_digit_ok(number) is ok


@pytest.mark.parametrize(("digits", "ok"), [
    ("4111111111111111", True), ("6222020200112233445", False), ("6222021001116245702", True),
    ("4111111111111112", False), ("79927398713", True),
])
def test_luhn(digits, ok):
    assert luhn_ok(digits) is ok


@pytest.mark.parametrize(("text", "kinds"), [
    ("身份证号11010519491231002X。", [FindingKind.ID_NUMBER]),
    ("身份证号110105194912310021。", []),                      # check digit wrong: not an ID number
    ("联系电话：13912345678", [FindingKind.MOBILE]),
    ("电话 +86 139-1234-5678", [FindingKind.MOBILE]),
    ("座机 023-85276112", []),
    ("卡号 4111 1111 1111 1111", [FindingKind.BANK_CARD]),
    ("卡号 4111111111111112", []),                             # fails Luhn
    ("文号 万盛经开发〔2017〕12号，投资 12000000 元", []),
    ("编号 2017123456789012345", []),                          # 19 digits failing Luhn
])
def test_personal_data(text, kinds):
    assert [f.kind for f in personal_data(text, "正文")] == kinds


def test_findings_are_masked():
    [finding] = personal_data("11010519491231002X", "正文")
    assert finding.match == "110105********002X"
    [mobile] = personal_data("13912345678", "名称")
    assert (mobile.match, mobile.field) == ("139****5678", "名称")


def test_screen_lists_words_and_suggestions_once():
    findings = screen(
        {"名称": "关于布署扶贫工作的通知", "正文": "请按要求布署。涉及信访人员名单。"},
        negative_list=["信访人员名单"], sensitive_words=[("布署", "部署")],
    )
    assert [(f.kind, f.field, f.match, f.suggestion) for f in findings] == [
        (FindingKind.SENSITIVE_WORD, "名称", "布署", "部署"),
        (FindingKind.NEGATIVE_LIST, "正文", "信访人员名单", ""),
        (FindingKind.SENSITIVE_WORD, "正文", "布署", "部署"),
    ]
