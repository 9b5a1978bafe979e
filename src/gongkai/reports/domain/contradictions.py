"""Numbers in the narrative that contradict the tables (条例 art. 47: supervisors hold offices accountable
for reports whose text disagrees with their own tables).

Each rule is a phrase and the figure it states; a number written right after the phrase (at most a few
characters between, no punctuation or other number) is compared with the figure. Numbers written in Chinese
numerals are not read.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

# (phrase, figure key). Longer, more specific phrases first: a span matched once is not matched again.
RULES: tuple[tuple[str, str], ...] = (
    ("上年结转政府信息公开申请", "t3.carried_in"),
    ("结转下年度继续办理", "t3.carried_out"),
    ("新收政府信息公开申请", "t3.new"),
    ("收到政府信息公开申请", "t3.new"),
    ("本年度办结", "t3.results_total"),
    ("予以公开", "t3.disclosed"),
    ("部分公开", "t3.partial"),
    ("不予公开", "t3.withheld"),
    ("行政复议", "t4.reconsideration"),
    ("行政诉讼", "t4.suits"),
    ("制发行政规范性文件", "t2.normative_issued"),
    ("现行有效行政规范性文件", "t2.normative_in_force"),
    ("受理依申请公开", "applications_received"),
    ("接受依申请公开", "applications_received"),
    ("主动公开规范性文件", "normative_issued"),
    ("政府网站公开各类信息", "channel_portal"),
    ("政务微博公开政府信息", "channel_weibo"),
    ("政务微信公开政府信息", "channel_weixin"),
    ("报送公开信息", "channel_upper_portal"),
    ("公开电话（信箱）系统来件", "mailbox_received"),
    ("公开电话（信箱）来件", "mailbox_received"),
    ("群众满意率", "satisfaction_rate"),
    ("重大舆情", "concern_responses"),
    ("新闻发布会", "press_conferences"),
    ("在线访谈", "online_interviews"),
    ("接待查档者", "archive_visitors"),
    ("复制档案", "archive_pages_copied"),
    ("收费通知", "fee_notices"),
)
GAP = r"[^，。；;,.\d\n]{0,6}?"
NUMBER = r"(\d[\d,]*(?:\.\d+)?)"


@dataclass(frozen=True)
class Contradiction:
    section: str
    phrase: str
    stated: Decimal
    expected: int | Decimal
    start: int
    end: int

    def message(self) -> str:
        return f"正文“{self.phrase}”写为 {self.stated:f}，统计为 {self.expected}"

    def as_dict(self) -> dict:
        return {"section": self.section, "phrase": self.phrase, "stated": str(self.stated),
                "expected": str(self.expected), "start": self.start, "end": self.end, "message": self.message()}


def find_contradictions(narrative: dict[str, str], figures: dict) -> list[Contradiction]:
    found: list[Contradiction] = []
    for section, text in narrative.items():
        taken: list[tuple[int, int]] = []
        for phrase, key in RULES:
            expected = figures.get(key)
            if expected is None:
                continue
            for match in re.finditer(re.escape(phrase) + GAP + NUMBER, text or ""):
                if any(s <= match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                stated = Decimal(match.group(1).replace(",", ""))
                if stated != Decimal(str(expected)):
                    found.append(Contradiction(section, phrase, stated, expected, match.start(1), match.end(1)))
    return found
