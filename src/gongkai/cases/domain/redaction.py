"""Redaction for 部分公开 (《条例》第三十七条, 区分处理): why a part is withheld, and the marks an officer makes.

Pure: the grounds table, the parsing of page regions typed as coordinates, and the verdicts of a verification.
The grounds are the withholding rows of table 三 (their articles as in ``results``) and art. 37's own ground,
content that is not government information.
"""

import re
from dataclasses import dataclass
from enum import StrEnum


class Ground(StrEnum):
    STATE_SECRET = "state_secret"
    LAW_PROHIBITS = "law_prohibits"
    SECURITY = "security"
    THIRD_PARTY = "third_party"
    INTERNAL_AFFAIRS = "internal_affairs"
    PROCESS_INFO = "process_info"
    ENFORCEMENT_FILE = "enforcement_file"
    NOT_GOVERNMENT_INFO = "not_government_info"


@dataclass(frozen=True)
class GroundRow:
    ground: Ground
    label: str
    article: str


GROUNDS: tuple[GroundRow, ...] = (
    GroundRow(Ground.STATE_SECRET, "属于国家秘密", "《条例》第十四条"),
    GroundRow(Ground.LAW_PROHIBITS, "其他法律行政法规禁止公开", "《条例》第十四条"),
    GroundRow(Ground.SECURITY, "危及“三安全一稳定”", "《条例》第十四条"),
    # Personal data and commercial secrets of others: art. 15, with the art. 32 consultation.
    GroundRow(Ground.THIRD_PARTY, "保护第三方合法权益（个人隐私、商业秘密）", "《条例》第十五条、第三十二条"),
    GroundRow(Ground.INTERNAL_AFFAIRS, "属于三类内部事务信息", "《条例》第十六条第一款"),
    GroundRow(Ground.PROCESS_INFO, "属于四类过程性信息", "《条例》第十六条第二款"),
    GroundRow(Ground.ENFORCEMENT_FILE, "属于行政执法案卷", "《条例》第十六条第二款"),
    GroundRow(Ground.NOT_GOVERNMENT_INFO, "不属于政府信息的内容", "《条例》第三十七条"),
)
GROUND_OF: dict[Ground, GroundRow] = {row.ground: row for row in GROUNDS}
# What the personal-data finder's marks are withheld under unless the officer says otherwise.
PERSONAL_DATA_GROUND = Ground.THIRD_PARTY
PARTIAL_DISCLOSURE_BASIS = "《条例》第三十七条"


class MarkKind(StrEnum):
    TERM = "term"           # every occurrence of a text
    REGION = "region"       # a rectangle of a page
    PERSONAL = "personal"   # a finding of the personal-data finder


@dataclass(frozen=True)
class Region:
    page: int      # 1-based, as people count pages
    x0: float      # PDF points from the top-left corner of the page
    y0: float
    x1: float
    y1: float


REGION_LINE = re.compile(r"^\s*(\d+)\s*[:：,，\s]\s*" + r"\s*[,，\s]\s*".join([r"(-?\d+(?:\.\d+)?)"] * 4) + r"\s*$")


def parse_regions(text: str, page_sizes: list[tuple[float, float]]) -> tuple[list[Region], list[str]]:
    """One region a line: ``页码: x0, y0, x1, y1`` in points. Returns the regions and the problems (each naming its
    line), so that a form can say what is wrong instead of dropping a line silently."""
    regions, problems = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        m = REGION_LINE.match(line)
        if not m:
            problems.append(f"第{number}行“{line.strip()[:40]}”格式不对，应为“页码: x0, y0, x1, y1”。")
            continue
        page = int(m.group(1))
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(2, 6))
        if not 1 <= page <= len(page_sizes):
            problems.append(f"第{number}行：页码{page}不存在（共{len(page_sizes)}页）。")
            continue
        width, height = page_sizes[page - 1]
        x0, x1 = sorted((max(0.0, x0), min(width, x1)))
        y0, y1 = sorted((max(0.0, y0), min(height, y1)))
        if x1 - x0 < 1 or y1 - y0 < 1:
            problems.append(f"第{number}行：区域在第{page}页之外或面积为零（该页宽{width:.0f}、高{height:.0f}点）。")
            continue
        regions.append(Region(page, round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)))
    return regions, problems


def parse_terms(text: str) -> list[str]:
    """One term a line; blank lines and repeats dropped, order kept."""
    seen: dict[str, None] = {}
    for line in (text or "").splitlines():
        term = line.strip()
        if term:
            seen.setdefault(term, None)
    return list(seen)


class Verdict(StrEnum):
    PASSED = "passed"                          # proved: may be released
    FAILED = "failed"                          # something withheld survives: never released
    NEEDS_CONFIRMATION = "needs_confirmation"  # image pages: a person must look before release


def verdict_of(failures: int, unproven_pages: int) -> Verdict:
    if failures:
        return Verdict.FAILED
    return Verdict.NEEDS_CONFIRMATION if unproven_pages else Verdict.PASSED
