"""The seed's report printed back whole, from records.

``../shared/seed/2017-district-annual-report.txt`` is what the district published. The demo holds the records
it counts; ``gongkai report build --agency wsjkq --year 2017 --form legacy`` must state every number of the
seed with the same label beside it. Every number of the seed text is extracted by a regular expression with
its label (the last Chinese characters of its clause before it) and its unit (the character after it), and the
built report must hold the same number with that label in the same sentence and the same unit after it.

``MISSING`` is what the built report does not state yet; the test fails if anything else is missing, and also
if something listed there has come in (then remove it from the list).
"""

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

SEED = Path(__file__).resolve().parents[1] / ".." / ".." / "shared" / "seed" / "2017-district-annual-report.txt"
if not SEED.exists():  # a checkout beside ../shared rather than under a work tree
    SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "2017-district-annual-report.txt"

# The seed writes ASCII punctuation; the platform writes the full-width forms.
FULL_WIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"})
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:万余|万|余)?(?![\d.])")
CLAUSE_BREAKS = "，。；、！？\n"
CJK = re.compile(r"[\u4e00-\u9fff]")
LABEL_CHARS = 4

# Numbers of the seed the built report does not state (seed line, number, label). Empty: all are stated.
MISSING: set[tuple[int, str, str]] = set()


@dataclass(frozen=True)
class Mention:
    line: int
    number: str
    label: str
    unit: str

    def key(self) -> tuple[int, str, str]:
        return (self.line, self.number, self.label)


def _label(text: str, start: int) -> str:
    """The last Chinese characters of the clause before ``start``."""
    clause_start = max(text.rfind(c, 0, start) for c in CLAUSE_BREAKS) + 1
    return "".join(CJK.findall(text[clause_start:start]))[-LABEL_CHARS:]


def _unit(text: str, end: int) -> str:
    following = text[end:end + 1]
    return following if following and (CJK.match(following) or following == "%") else ""


def mentions(text: str) -> list[Mention]:
    found = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        for match in NUMBER.finditer(line):
            found.append(Mention(line_no, match.group(), _label(line, match.start()), _unit(line, match.end())))
    return found


def stated(report: str, mention: Mention) -> bool:
    """The report holds the number with the label in the same sentence before it and the unit after it."""
    for match in NUMBER.finditer(report):
        if match.group() != mention.number:
            continue
        sentence_start = max(report.rfind("。", 0, match.start()), report.rfind("\n", 0, match.start())) + 1
        before = "".join(CJK.findall(report[max(sentence_start, match.start() - 80):match.start()]))
        if mention.label in before and _unit(report, match.end()) == mention.unit:
            return True
    return False


_BUILT: dict = {}


@pytest.fixture
def built(request):
    """The demo (every step: the report counts every area's records; loaded once per session and copied,
    tests/demo_database.py) with the 2017 report built as the README says — once: the first test builds on a
    copy of the demo, and the others read the texts it kept."""
    if not _BUILT:
        request.getfixturevalue("demo_db")
        _BUILT.update(_build())
    return _BUILT


def _build() -> dict:
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.renderers.document import document_of
    from gongkai.reports.renderers.export import render

    out = io.StringIO()
    call_command("report", "build", "--agency", "wsjkq", "--year", "2017", "--form", "legacy", stdout=out)
    rebuilt = io.StringIO()
    call_command("report", "build", "--agency", "wsjkq", "--year", "2017", "--form", "legacy",
                 "--from-records", stdout=rebuilt)
    report = AnnualReport.objects.get(agency__code="wsjkq", year=2017)
    document = document_of(report)
    # The README's search example: the demo indexed its items when its load committed.
    found = io.StringIO()
    call_command("search", "渝府办发〔2017〕61号", "--agency", "wsjkq", "--limit", "5", "--json", stdout=found)
    return {"text": out.getvalue(), "rebuilt": rebuilt.getvalue(), "html": render(document, "html"),
            "snapshot": report.snapshot, "narrative": dict(report.narrative), "search": found.getvalue()}


def test_the_extraction_finds_every_number_of_the_seed():
    found = mentions(SEED.read_text(encoding="utf-8").translate(FULL_WIDTH))
    numbers = [m.number for m in found]
    assert len(found) == 64
    for expected in ("15117", "5980", "2万余", "7000余", "1200余", "65万", "20367", "901", "85276112", "98"):
        assert expected in numbers
    by_number = {m.number: m for m in found}
    assert (by_number["3194"].label, by_number["3194"].unit) == ("权力清单", "条")
    assert (by_number["295"].label, by_number["295"].unit) == ("部门镇街", "名")


def test_every_number_of_the_seed_is_stated_with_its_label(built):
    report = built["text"]
    found = mentions(SEED.read_text(encoding="utf-8").translate(FULL_WIDTH))
    missing = {m.key() for m in found if not stated(report, m)}
    assert missing == MISSING, "not stated: " + "; ".join(f"line {k[0]}: {k[1]} ({k[2]})" for k in sorted(missing))


def test_a_rebuild_from_records_states_the_same_and_keeps_the_offices_text(built):
    found = mentions(SEED.read_text(encoding="utf-8").translate(FULL_WIDTH))
    assert {m.key() for m in found if not stated(built["rebuilt"], m)} == MISSING
    assert built["narrative"]["problems"].startswith("一年来，我区按照上级要求认真推进全区政务公开工作落实")
    assert "五是加强培训" in built["rebuilt"]


def test_the_report_keeps_the_seeds_structure(built):
    text = built["text"]
    order = [
        "万盛经开区政府信息公开工作年度报告（2017年度）",
        "本年度工作报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由万盛经开区政府信息公开办公室编制。",
        "一、政务公开工作概述", "（一）加强组织领导。", "（二）推行清单管理。", "（三）丰富载体平台。",
        "二、主动公开政府信息情况", "（一）政府门户网站公开情况。", "（二）重点领域信息公开情况。",
        "（三）回应解读情况。", "（四）政务文件汇编情况。", "（五）档案公开情况。",
        "三、政府信息依申请公开情况", "四、政府信息公开收费及减免情况",
        "五、因政府信息公开申请行政复议和提起行政诉讼的情况", "六、存在的主要问题及改进措施",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at == -1]
    assert positions == sorted(positions)


@pytest.mark.parametrize("fact", [
    "明确党工委委员、管委会常务副主任胡俊同志分管全区信息公开工作",
    "下设4个科室：综合规划科、信息发布科、申请公开科、应用推进科",
    "横向到部门、镇街，纵向到社区、村",
    "“两清单、两制度、一指南”，即：政务公开指南、公开清单、负面清单、保密审查和责任追究制度",
    "《国务院办公厅关于印发2017年政务公开工作要点的通知》（国办发〔2017〕24号）",
    "《重庆市人民政府办公厅关于印发2017年政务公开重点工作任务分工的通知》（渝府办发〔2017〕61号）",
    "编辑出版《今日万盛》和《政务文件汇编》各6期",
    "实现部门预决算全面公开",
    "主要涉及规划、房屋产权等领域",
    "现已全部办结",
    "青年镇人民政府发生因政府信息公开申请行政复议1件",
    "未进行收费",
    "及时投递到各镇街、区图书馆、政务服务中心等服务群众窗口单位等",
])
def test_the_facts_in_words_come_from_records(built, fact):
    assert fact in built["text"]


def test_rounded_figures_are_counted_values_rounded_by_the_rule(built):
    from gongkai.reports.domain.legacy_records import approximate

    figures = {f["key"]: f["value"] for f in built["snapshot"]["figures"]}
    assert figures["publications_all_channels"] == 15117 + 2600 + 1174 + 2369 + 108 + 6
    assert approximate(figures["publications_all_channels"]) == "2万余"
    assert approximate(figures["compilation_copies"]) == "2万余"
    assert [approximate(int(figures[k])) for k in ("site_items_edited", "site_pictures", "site_page_views")] == [
        "7000余", "1200余", "65万"]


def test_the_report_is_dated_by_its_signing_day_and_checked_as_a_2008_report(built):
    assert built["text"].rstrip().endswith("2018年3月15日")
    assert "2018年3月15日" in built["html"]
    assert built["snapshot"]["findings"] == []
    assert "第二十条" not in built["text"]


def test_the_readme_search_example_finds_the_cited_document(built):
    import json

    result = json.loads(built["search"])
    titles = [hit["title"] for hit in result["exact"] + result["hits"]]
    assert "重庆市人民政府办公厅关于印发2017年政务公开重点工作任务分工的通知" in titles
