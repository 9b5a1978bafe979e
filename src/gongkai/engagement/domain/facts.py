"""What the annual report reads from engagement records for one period, as plain figures.

``engagement.selectors.period_figures(agency_ids=..., start=..., end=...)`` returns one of these; every
number is counted from records.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class EngagementFigures:
    mailbox_received: int            # 信箱/公开电话 items received
    mailbox_accepted: int            # accepted (受理)
    mailbox_completed: int           # completed (办结)
    mailbox_rated: int               # writers who rated the reply
    mailbox_satisfied: int           # of those, satisfied
    suggestions_and_complaints: int  # 建言献策和投诉 letters
    concern_responses: int           # 回应关切 (public concerns and major opinion events)
    press_conferences: int           # 新闻发布会
    online_interviews: int           # 在线访谈
    interpretations_of_normative: int  # normative documents interpreted
    other_interpretations: int       # other interpretation pieces
    periodical_issues: dict          # periodical title -> issues in the period
    periodical_copies: int
    archive_items_appraised: int     # 件
    archive_volumes_appraised: int   # 卷
    archive_visitors: int            # 人次
    archive_pages_copied: int        # 页
    trainings: int
    training_participants: int
    disclosure_staff: int            # people engaged in disclosure work
    # Added after the first contract (defaults keep existing callers working):
    disclosure_staff_agencies: int = 0  # agencies reporting people in disclosure work
    archive_items_delivered: int = 0    # documents delivered to archives and libraries (条例 art. 25)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        if not self.mailbox_rated:
            return None
        return (Decimal(self.mailbox_satisfied) * 100 / Decimal(self.mailbox_rated)).quantize(Decimal("1"))

    @property
    def acceptance_rate(self) -> Decimal | None:  # 受理率
        return _whole_percent(self.mailbox_accepted, self.mailbox_received)

    @property
    def completion_rate(self) -> Decimal | None:  # 办结率 (of the items accepted)
        return _whole_percent(self.mailbox_completed, self.mailbox_accepted)


def _whole_percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"))


@dataclass(frozen=True)
class MessageFact:
    """One mailbox/hotline item, without personal data (for dashboards and statistics)."""

    message_id: int
    agency_id: int
    department_id: int | None
    channel: str
    category: str
    status: str
    received_on: dt.date
    reply_due_on: dt.date
    closed_on: dt.date | None
    replied_on: dt.date | None
    rating: str
