"""A year's applications counted by month or by agency: received, concluded, answered and answered late, and
the on-time rate — the figures of the dashboard, from the same facts as the annual report.

Timeliness is judged at the answer's legal time point (国办公开办函〔2016〕235号第四条: 签收之日 / 交邮之日;
电子送达: 发送之日), as ``ApplicationFact.answered_on`` and ``late`` carry it; an answer counts in the month it
reached the applicant.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from gongkai.cases.domain.facts import ApplicationFact


@dataclass(frozen=True)
class ApplicationFigures:
    received: int = 0
    concluded: int = 0
    answered: int = 0
    late: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Answers on time per hundred answers (one decimal), None when nothing was answered."""
        return round((self.answered - self.late) * 100 / self.answered, 1) if self.answered else None


def count_applications(facts: Iterable[ApplicationFact], year: int,
                       by: Literal["month", "agency"]) -> dict[int, ApplicationFigures]:
    """month (1–12) or agency id -> the figures of ``year``; keys only where something happened."""
    def key(fact: ApplicationFact, on) -> int:
        return on.month if by == "month" else fact.agency_id

    received, concluded, answered, late = Counter(), Counter(), Counter(), Counter()
    for fact in facts:
        if fact.received_on.year == year:
            received[key(fact, fact.received_on)] += 1
        if fact.concluded_on is not None and fact.concluded_on.year == year:
            concluded[key(fact, fact.concluded_on)] += 1
        if fact.answered_on is not None and fact.answered_on.year == year:
            answered[key(fact, fact.answered_on)] += 1
            late[key(fact, fact.answered_on)] += bool(fact.late)
    keys = set(received) | set(concluded) | set(answered)
    return {k: ApplicationFigures(received[k], concluded[k], answered[k], late[k]) for k in keys}
