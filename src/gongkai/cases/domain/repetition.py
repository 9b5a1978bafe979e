"""Evidence of repeated or mass applications (条例 art. 35, art. 36(6)). The system only shows the evidence;
the handler decides whether an application is 重复申请 or 无正当理由大量反复申请.
"""

import datetime as dt
import itertools
from dataclasses import dataclass

SIMILARITY_THRESHOLD = 0.6     # character-bigram Jaccard above which two descriptions look like the same request
MASS_WINDOW_DAYS = 365
MASS_THRESHOLD = 10            # applications by one applicant to one agency within the window


@dataclass(frozen=True)
class EarlierCase:
    case_id: int
    tracking_code: str
    received_on: dt.date
    description: str
    answered: bool


@dataclass(frozen=True)
class RepetitionEvidence:
    similar: tuple[tuple[EarlierCase, float], ...]
    count_in_window: int
    window_days: int

    @property
    def repeated(self) -> bool:
        return any(case.answered for case, _ in self.similar)

    @property
    def mass(self) -> bool:
        return self.count_in_window >= MASS_THRESHOLD

    @property
    def flagged(self) -> bool:
        return self.repeated or self.mass


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if not c.isspace() and c not in "，。、；：？！,.;:?!（）()“”\"'"]
    return {a + b for a, b in itertools.pairwise(chars)} or set(chars)


def similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def evidence(description: str, received_on: dt.date, earlier: list[EarlierCase]) -> RepetitionEvidence:
    similar = sorted(
        ((case, round(similarity(description, case.description), 2)) for case in earlier),
        key=lambda pair: -pair[1],
    )
    similar = [pair for pair in similar if pair[1] >= SIMILARITY_THRESHOLD]
    since = received_on - dt.timedelta(days=MASS_WINDOW_DAYS)
    count = sum(1 for case in earlier if since <= case.received_on <= received_on) + 1
    return RepetitionEvidence(tuple(similar), count, MASS_WINDOW_DAYS)
