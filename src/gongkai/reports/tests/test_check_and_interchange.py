import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.reports.domain.contradictions import find_contradictions
from gongkai.reports.domain.interchange import parse_interchange, to_interchange
from gongkai.reports.domain.reconcile import check_report

FIXTURES = Path(__file__).parent / "fixtures"


def load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def run_check(*args):
    lines = []
    try:
        call_command("report", "check", *[str(a) for a in args], stdout=_Writer(lines))
    except CommandError as exc:
        return exc.returncode, "\n".join(lines)
    return 0, "\n".join(lines)


class _Writer:
    def __init__(self, lines):
        self.lines = lines

    def write(self, text):
        self.lines.append(text)

    def flush(self):
        pass


def test_clean_report_passes():
    code, out = run_check(FIXTURES / "clean-2024.json")
    assert code == 0
    assert "全部勾稽关系成立" in out


def test_trial_2019_report_is_recognised_and_passes():
    code, out = run_check(FIXTURES / "clean-2019-trial.json")
    assert code == 0
    assert "国办公开办函〔2019〕60号试行格式" in out


def test_blank_total_column_on_sub_rows_fails_and_lists_the_blanks():
    code, out = run_check(FIXTURES / "blank-total-2024.json")
    assert code == 1
    assert "空白单元格 19 个（按0计）" in out
    assert "行合计不成立：表三 （三）不予公开·1.属于国家秘密 / 总计 = 0" in out


def test_broken_identity_fails_naming_the_cells():
    code, out = run_check(FIXTURES / "broken-identity-2024.json")
    assert code == 1
    assert "勾稽关系“一+二=三（七）+四”不成立（自然人）：5 + 1 = 6，5 + 2 = 7" in out
    assert "表三 四、结转下年度继续办理 / 自然人" in out
    assert "结论：2 项勾稽关系不成立。" in out


def test_previous_year_adds_carry_over_warnings_only():
    code, out = run_check(FIXTURES / "clean-2024.json", "--previous", FIXTURES / "previous-2023.json")
    assert code == 0
    assert "警告：本年“二、上年结转”（总计）为 3，上年“四、结转下年度继续办理”为 4" in out


def test_exit_codes_of_the_real_command():
    cli = Path(sys.executable).parent / "gongkai"
    ok = subprocess.run([cli, "report", "check", FIXTURES / "clean-2024.json"], capture_output=True)
    bad = subprocess.run([cli, "report", "check", FIXTURES / "broken-identity-2024.json"], capture_output=True)
    assert (ok.returncode, bad.returncode) == (0, 1)


def test_bad_file_gets_a_clear_message(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON 对象"):
        call_command("report", "check", str(path))


def test_interchange_round_trip_keeps_labels_and_values():
    data = load("clean-2024.json")
    parsed = parse_interchange(data)
    assert parsed.findings == [] and parsed.year == 2024
    again = to_interchange(parsed.tables, year=2024, agency=parsed.agency)
    assert again["table3"] == data["table3"] and again["table4"] == data["table4"]
    assert parsed.tables["table2"]["第二十条第（八）项|行政事业性收费"]["本年收费金额（单位：万元）"] == Decimal("12.35")
    assert "1.属于国家秘密" in data["table3"]["三、本年度办理结果"]["（三）不予公开"]


def test_non_numeric_cell_is_an_error():
    data = load("clean-2024.json")
    data["table4"]["行政复议"]["结果维持"] = "一"
    parsed = parse_interchange(data)
    assert [f.code for f in parsed.findings] == ["not_number"]


def test_negative_count_is_an_error():
    data = load("clean-2024.json")
    data["table4"]["行政复议"]["其他结果"] = -1
    data["table4"]["行政复议"]["总计"] -= 1
    codes = {f.code for f in check_report(parse_interchange(data).tables)}
    assert "not_count" in codes


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("本年新收政府信息公开申请31件，上年结转政府信息公开申请3件。", [Decimal(31)]),
        ("因政府信息公开引起行政复议2件、行政诉讼1件。", [Decimal(2)]),
        ("本年新收政府信息公开申请30件。", []),
    ],
)
def test_numbers_in_the_text_that_contradict_the_tables_are_flagged(text, stated):
    figures = {"t3.new": 30, "t3.carried_in": 3, "t4.reconsideration": 1, "t4.suits": 1}
    found = find_contradictions({"overview": text}, figures)
    assert [c.stated for c in found] == stated
