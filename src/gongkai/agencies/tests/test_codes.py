import pytest

from gongkai.agencies.domain.codes import org_code_problem, uscc_check_char, uscc_problem


@pytest.mark.parametrize("code", [
    "11341702486344515H",  # published 索引号 prefixes (spec §5.2)
    "11620622013933539B",
    "11370812004339255B",
    "91350100M000100Y43",
])
def test_real_unified_social_credit_codes_pass(code):
    assert uscc_problem(code) is None


@pytest.mark.parametrize(("code", "problem"), [
    ("11341702486344515A", "校验位不正确"),
    ("1134170248634451", "18位"),
    ("11341702486344515I", "不允许的字符"),
])
def test_bad_uscc_refused(code, problem):
    assert problem in uscc_problem(code)


def test_check_char_of_known_code():
    assert uscc_check_char("11620622013933539") == "B"


@pytest.mark.parametrize(("code", "ok"), [
    ("000014349", True),   # gov.cn 索引号 prefix
    ("011158671", True),
    ("014416330", True),
    ("000014340", False),
    ("00001434", False),
])
def test_org_codes(code, ok):
    assert (org_code_problem(code) is None) is ok
