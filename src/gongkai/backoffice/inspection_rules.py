"""Single-veto rules of the government-website inspection (政府网站与政务新媒体检查指标, 国办秘函〔2019〕19号,
spec §6.1), applied to what the platform knows about a site. Pure (no Django): the caller passes facts and today.
"""

import datetime as dt
from dataclasses import dataclass, field

# §6.1 "首页不更新": no update on the homepage for over 2 weeks.
HOMEPAGE_DAYS = 14
# §6.1 "栏目不更新" (1): dynamic/news columns not updated within 2 weeks, plus notice/policy columns not updated
# within 6 months, together 5 or more.
DYNAMIC_DAYS = 14
POLICY_MONTHS = 6
STALE_LIMIT = 5
# §6.1 "栏目不更新" (3): 5 or more empty columns.
EMPTY_LIMIT = 5
# §6.1 "互动回应差": valid messages unanswered for over 3 months.
UNANSWERED_MONTHS = 3

DYNAMIC, POLICY, OTHER = "dynamic", "policy", "other"


def months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class ColumnFact:
    code: str
    label: str
    kind: str                      # DYNAMIC, POLICY or OTHER
    latest_on: dt.date | None      # newest 发布日期 in the column, None when empty


@dataclass(frozen=True)
class SiteFacts:
    homepage_latest_on: dt.date | None
    columns: tuple[ColumnFact, ...]
    broken_links: tuple[tuple[str, str], ...] = ()     # (item title, link)
    unanswered_messages: int | None = None             # None: the site has no mailbox yet


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue without importing Django (the page translates it)."""
    return message


@dataclass
class Finding:
    """One rule's verdict. ``message``/``params`` (and each of ``item_messages``) are the Chinese message and
    its values, so that the page can show it in the reader's language; ``detail`` and ``items`` are the Chinese
    text."""

    rule: str
    failed: bool
    message: str
    params: dict = field(default_factory=dict)
    item_messages: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def detail(self) -> str:
        return self.message % self.params

    @property
    def items(self) -> list[str]:
        return [message % params for message, params in self.item_messages]


def stale(column: ColumnFact, today: dt.date) -> bool:
    if column.latest_on is None or column.kind == OTHER:
        return False
    if column.kind == DYNAMIC:
        return (today - column.latest_on).days > DYNAMIC_DAYS
    return column.latest_on < months_before(today, POLICY_MONTHS)


def check_site(facts: SiteFacts, today: dt.date) -> list[Finding]:
    findings = []
    latest = facts.homepage_latest_on
    if latest is None:
        findings.append(Finding("homepage", True, gettext_noop("首页从未更新")))
    else:
        idle = (today - latest).days
        findings.append(Finding("homepage", idle > HOMEPAGE_DAYS,
                                gettext_noop("首页最近更新于 %(day)s（%(idle)s 天前，上限 %(limit)s 天）"),
                                {"day": latest.isoformat(), "idle": idle, "limit": HOMEPAGE_DAYS}))
    stale_columns = [c for c in facts.columns if stale(c, today)]
    findings.append(Finding(
        "stale_columns", len(stale_columns) >= STALE_LIMIT,
        gettext_noop("动态类栏目超过2周、政策类栏目超过6个月未更新：%(n)s 个（达到 %(limit)s 个即单项否决）"),
        {"n": len(stale_columns), "limit": STALE_LIMIT},
        [(gettext_noop("%(label)s（最近 %(day)s）"), {"label": c.label, "day": c.latest_on.isoformat()})
         for c in stale_columns],
    ))
    empty = [c for c in facts.columns if c.latest_on is None]
    findings.append(Finding(
        "empty_columns", len(empty) >= EMPTY_LIMIT,
        gettext_noop("空白栏目：%(n)s 个（达到 %(limit)s 个即单项否决）"), {"n": len(empty), "limit": EMPTY_LIMIT},
        [("%(label)s", {"label": c.label}) for c in empty],
    ))
    findings.append(Finding(
        "broken_links", bool(facts.broken_links),
        gettext_noop("已发布信息中的失效链接：%(n)s 处"), {"n": len(facts.broken_links)},
        [("%(title)s：%(link)s", {"title": title, "link": link}) for title, link in facts.broken_links],
    ))
    if facts.unanswered_messages is not None:
        findings.append(Finding(
            "unanswered", facts.unanswered_messages > 0,
            gettext_noop("超过 %(months)s 个月未答复的信箱来信：%(n)s 件"),
            {"months": UNANSWERED_MONTHS, "n": facts.unanswered_messages},
        ))
    return findings
