"""Rules of the mailbox and hotline (信箱 / 公开电话): categories, states, deadlines and what the figures count.

Pure: no Django. Dates are legal dates in Asia/Shanghai; the working calendar is passed in.
"""

import datetime as dt
from enum import StrEnum


class Channel(StrEnum):
    WEB = "web"          # 网上信箱 (the portal form)
    PHONE = "phone"      # 公开电话 (entered by staff)
    LETTER = "letter"    # 来信 (paper letters, entered by staff)


# The seed report's "公开电话(信箱)系统来件" counts what came through the mailbox system: the web form and the
# hotline. Letters are the separate stream of "建言献策和投诉信件" (ADR 0040).
MAILBOX_SYSTEM_CHANNELS = frozenset({Channel.WEB, Channel.PHONE})


class Category(StrEnum):
    CONSULT = "consult"          # 咨询
    SUGGESTION = "suggestion"    # 建议
    COMPLAINT = "complaint"      # 投诉
    REPORT = "report"            # 举报
    MISDIRECTED = "misdirected"  # 信息公开申请（误投）: a disclosure request sent to the wrong place


SUGGESTION_AND_COMPLAINT = frozenset({Category.SUGGESTION, Category.COMPLAINT})


class Status(StrEnum):
    RECEIVED = "received"        # 待受理
    ACCEPTED = "accepted"        # 已受理（办理中）
    REPLIED = "replied"          # 已答复（办结）
    DECLINED = "declined"        # 不予受理 (spam, abuse, no content)
    CONVERTED = "converted"      # 转为政府信息公开申请


OPEN_STATUSES = frozenset({Status.RECEIVED, Status.ACCEPTED})
ACCEPTED_STATUSES = frozenset({Status.ACCEPTED, Status.REPLIED, Status.CONVERTED})
COMPLETED_STATUSES = frozenset({Status.REPLIED, Status.CONVERTED})

# (from, verb) -> to. One table answers which change is allowed.
TRANSITIONS: dict[tuple[Status, str], Status] = {
    (Status.RECEIVED, "accept"): Status.ACCEPTED,
    (Status.RECEIVED, "decline"): Status.DECLINED,
    (Status.RECEIVED, "reply"): Status.REPLIED,      # answering at once accepts it too
    (Status.ACCEPTED, "reply"): Status.REPLIED,
    (Status.RECEIVED, "convert"): Status.CONVERTED,
    (Status.ACCEPTED, "convert"): Status.CONVERTED,
}


def next_status(current: Status, verb: str) -> Status | None:
    return TRANSITIONS.get((Status(current), verb))


class Rating(StrEnum):
    SATISFIED = "satisfied"            # 满意
    BASICALLY = "basically"            # 基本满意
    DISSATISFIED = "dissatisfied"      # 不满意


# "群众满意率" counts 满意 and 基本满意 as satisfied (common practice in 12345/信箱 evaluation; ADR 0040).
SATISFIED_RATINGS = frozenset({Rating.SATISFIED, Rating.BASICALLY})

# Default reply limit for a message: 5 working days (configurable, GONGKAI_MAILBOX_REPLY_WORKING_DAYS). No
# national statute fixes it; local mailbox rules commonly use 5 working days.
DEFAULT_REPLY_WORKING_DAYS = 5

# 国办秘函〔2019〕19号 (spec §6.1): a site fails inspection when valid messages stay unanswered over 3 months.
INSPECTION_MONTHS = 3


def reply_due_on(received_on: dt.date, calendar, working_days: int = DEFAULT_REPLY_WORKING_DAYS,
                 *, count_from_next_day: bool = True) -> dt.date:
    return calendar.add_working_days(received_on, working_days, count_from_next_day=count_from_next_day).due


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def inspection_limit_on(received_on: dt.date) -> dt.date:
    """The last day a message may stay unanswered before the site fails the 3-month inspection rule."""
    return add_months(received_on, INSPECTION_MONTHS)


def is_overdue(*, status: Status, due_on: dt.date, today: dt.date) -> bool:
    return Status(status) in OPEN_STATUSES and today > due_on


def breaches_inspection_rule(*, status: Status, received_on: dt.date, today: dt.date) -> bool:
    return Status(status) in OPEN_STATUSES and today > inspection_limit_on(received_on)
