"""我为政府网站找错: what a visitor may report, the states of a report and its reply deadline."""

import datetime as dt
from enum import StrEnum


class ErrorKind(StrEnum):
    # The problems the inspection rules of 国办秘函〔2019〕19号 name, so that a report lands on one of them.
    CONTENT = "content"            # 内容错误（错别字、表述错误）
    BROKEN_LINK = "broken_link"    # 链接无法打开
    UNREACHABLE = "unreachable"    # 页面无法访问
    STALE = "stale"                # 信息不更新
    NO_REPLY = "no_reply"          # 互动不回应
    SERVICE = "service"            # 办事服务不实用
    OTHER = "other"                # 其他


ERROR_KIND_LABELS = {
    ErrorKind.CONTENT: "内容错误（错别字、表述错误等）", ErrorKind.BROKEN_LINK: "链接无法打开",
    ErrorKind.UNREACHABLE: "页面无法访问", ErrorKind.STALE: "信息不更新",
    ErrorKind.NO_REPLY: "互动不回应", ErrorKind.SERVICE: "办事服务不实用", ErrorKind.OTHER: "其他问题",
}


class ReportStatus(StrEnum):
    RECEIVED = "received"    # 待分办
    ASSIGNED = "assigned"    # 办理中
    REPLIED = "replied"      # 已答复


OPEN_STATUSES = frozenset({ReportStatus.RECEIVED, ReportStatus.ASSIGNED})

# (from, verb) -> to. Assigning again moves the report to another officer; a reply closes it.
TRANSITIONS = {
    (ReportStatus.RECEIVED, "assign"): ReportStatus.ASSIGNED,
    (ReportStatus.ASSIGNED, "assign"): ReportStatus.ASSIGNED,
    (ReportStatus.RECEIVED, "reply"): ReportStatus.REPLIED,
    (ReportStatus.ASSIGNED, "reply"): ReportStatus.REPLIED,
}

# UNCONFIRMED: no national text fixes the reply limit of a 找错 report on the site itself; the national
# 找错 platform asks sites to answer within 3 working days in its published practice. A setting
# (GONGKAI_ERROR_REPORT_REPLY_WORKING_DAYS) with this default.
DEFAULT_REPLY_WORKING_DAYS = 3


def next_status(current: str, verb: str) -> ReportStatus | None:
    return TRANSITIONS.get((ReportStatus(current), verb))


def reply_due_on(received_on: dt.date, calendar, working_days: int = DEFAULT_REPLY_WORKING_DAYS) -> dt.date:
    """The last day of the reply: ``working_days`` working days counted from the day after receipt."""
    return calendar.add_working_days(received_on, working_days, count_from_next_day=True).due


def is_overdue(*, status: str, due_on: dt.date, today: dt.date) -> bool:
    return ReportStatus(status) in OPEN_STATUSES and today > due_on
