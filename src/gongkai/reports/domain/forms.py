"""The three forms an annual report can take, and their section titles (spec §3.2, §3.7, legacy_2008_era)."""

from enum import StrEnum


class ReportForm(StrEnum):
    F2021 = "2021"      # 国办公开办函〔2021〕30号, the current national format
    TRIAL_2019 = "2019"  # 国办公开办函〔2019〕60号, the trial format used for the 2019 and 2020 reports
    LEGACY = "legacy"   # 国务院令第492号 era (reports for 2008-2018), six parts, no national tables


FORM_LABELS = {
    ReportForm.F2021: "国办公开办函〔2021〕30号格式",
    ReportForm.TRIAL_2019: "国办公开办函〔2019〕60号试行格式",
    ReportForm.LEGACY: "2008年《条例》六部分格式",
}

# 2021 and 2019 trial formats share the six section titles (spec §3.2, §3.7).
NATIONAL_SECTIONS = (
    ("overview", "一、总体情况"),
    ("table2", "二、主动公开政府信息情况"),
    ("table3", "三、收到和处理政府信息公开申请情况"),
    ("table4", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
)
NATIONAL_NARRATIVE = ("overview", "problems", "other")

# The six parts of a 2008-era report (2008 条例 art. 32; titles as in the 2017 seed report).
LEGACY_SECTIONS = (
    ("overview", "一、政务公开工作概述"),
    ("proactive", "二、主动公开政府信息情况"),
    ("requests", "三、政府信息依申请公开情况"),
    ("fees", "四、政府信息公开收费及减免情况"),
    ("appeals", "五、因政府信息公开申请行政复议和提起行政诉讼的情况"),
    ("problems", "六、存在的主要问题及改进措施"),
)
# The opening paragraph before part 一 (who compiled the report, where to find it and whom to ask).
LEGACY_PREAMBLE = "preamble"
LEGACY_NARRATIVE = (LEGACY_PREAMBLE, *(key for key, _ in LEGACY_SECTIONS))

# The parts the office writes or edits: a rebuild from records keeps the office's text of these (a part left
# as drafted follows the records). A national-form report's three text parts are all drafted from records and
# edited by the office (国办公开办函〔2021〕30号 一、五、六).
OFFICE_SECTIONS = {"legacy": ("problems",), "2021": NATIONAL_NARRATIVE, "2019": NATIONAL_NARRATIVE}


def default_form(year: int) -> ReportForm:
    """The form in force for a report year: the 2019 条例 took effect 2019-05-15 and the first trial-format
    reports were those for 2019; the 2021 format applies from the 2021 reports."""
    if year <= 2018:
        return ReportForm.LEGACY
    if year <= 2020:
        return ReportForm.TRIAL_2019
    return ReportForm.F2021


def sections(form: ReportForm) -> tuple[tuple[str, str], ...]:
    return LEGACY_SECTIONS if form == ReportForm.LEGACY else NATIONAL_SECTIONS


def narrative_keys(form: ReportForm) -> tuple[str, ...]:
    return LEGACY_NARRATIVE if form == ReportForm.LEGACY else NATIONAL_NARRATIVE


def narrative_titles(form: ReportForm) -> dict[str, str]:
    """The title of every editable part of the narrative, the opening paragraph of a six-part report included."""
    titles = dict(sections(form))
    if form == ReportForm.LEGACY:
        titles = {LEGACY_PREAMBLE: "报告说明（正文前）", **titles}
    return titles
