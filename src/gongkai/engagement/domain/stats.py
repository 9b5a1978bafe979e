"""Mailbox statistics for dashboards: per month and per unit, from plain facts. Pure."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongkai.engagement.domain.facts import MessageFact
from gongkai.engagement.domain.mailbox import SATISFIED_RATINGS, Rating, Status


@dataclass(frozen=True)
class MailboxStats:
    received: int
    replied: int
    on_time: int                      # replied on or before the reply limit
    mean_working_days: Decimal | None  # from receipt to reply, replied items only
    rated: int
    satisfied: int

    @property
    def on_time_rate(self) -> Decimal | None:
        return _percent(self.on_time, self.replied)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return _percent(self.satisfied, self.rated)


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def summarise(facts: Iterable[MessageFact], working_days_between: Callable[[dt.date, dt.date], int]) -> MailboxStats:
    received = replied = on_time = rated = satisfied = 0
    days_total = 0
    for fact in facts:
        received += 1
        if fact.status == Status.REPLIED.value and fact.replied_on:
            replied += 1
            on_time += fact.replied_on <= fact.reply_due_on
            days_total += working_days_between(fact.received_on, fact.replied_on)
            if fact.rating:
                rated += 1
                satisfied += Rating(fact.rating) in SATISFIED_RATINGS
    mean = (Decimal(days_total) / replied).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if replied else None
    return MailboxStats(received, replied, on_time, mean, rated, satisfied)


def by_month(facts: Iterable[MessageFact], year: int, working_days_between) -> list[tuple[int, MailboxStats]]:
    groups: dict[int, list[MessageFact]] = defaultdict(list)
    for fact in facts:
        if fact.received_on.year == year:
            groups[fact.received_on.month].append(fact)
    return [(month, summarise(groups.get(month, []), working_days_between)) for month in range(1, 13)]


def by_unit(facts: Iterable[MessageFact], working_days_between) -> list[tuple[int, MailboxStats]]:
    """Per handling unit: the assigned department, or the receiving agency when none was assigned."""
    groups: dict[int, list[MessageFact]] = defaultdict(list)
    for fact in facts:
        groups[fact.department_id or fact.agency_id].append(fact)
    rows = [(unit, summarise(items, working_days_between)) for unit, items in groups.items()]
    return sorted(rows, key=lambda row: (-row[1].received, row[0]))


def mean_working_days(pairs: Iterable[tuple[dt.date, dt.date, int]], working_days_between) -> Decimal | None:
    """Mean working days from receipt to reply over (received_on, replied_on, how many) groups."""
    total = count = 0
    for received_on, replied_on, n in pairs:
        total += n * working_days_between(received_on, replied_on)
        count += n
    return (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if count else None
