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


@dataclass
class Finding:
    rule: str
    failed: bool
    detail: str
    items: list[str] = field(default_factory=list)


def stale(column: ColumnFact, today: dt.date) -> bool:
    if column.latest_on is None or column.kind == OTHER:
        return False
    if column.kind == DYNAMIC:
        return (today - column.latest_on).days > DYNAMIC_DAYS
    return column.latest_on < months_before(today, POLICY_MONTHS)


def check_site(facts: SiteFacts, today: dt.date) -> list[Finding]:
    findings = []
    latest = facts.homepage_latest_on
    idle = None if latest is None else (today - latest).days
    findings.append(Finding(
        "homepage", latest is None or idle > HOMEPAGE_DAYS,
        "首页从未更新" if latest is None else f"首页最近更新于 {latest.isoformat()}（{idle} 天前，上限 {HOMEPAGE_DAYS} 天）",
    ))
    stale_columns = [c for c in facts.columns if stale(c, today)]
    findings.append(Finding(
        "stale_columns", len(stale_columns) >= STALE_LIMIT,
        f"动态类栏目超过2周、政策类栏目超过6个月未更新：{len(stale_columns)} 个（达到 {STALE_LIMIT} 个即单项否决）",
        [f"{c.label}（最近 {c.latest_on.isoformat()}）" for c in stale_columns],
    ))
    empty = [c for c in facts.columns if c.latest_on is None]
    findings.append(Finding(
        "empty_columns", len(empty) >= EMPTY_LIMIT,
        f"空白栏目：{len(empty)} 个（达到 {EMPTY_LIMIT} 个即单项否决）", [c.label for c in empty],
    ))
    findings.append(Finding(
        "broken_links", bool(facts.broken_links), f"已发布信息中的失效链接：{len(facts.broken_links)} 处",
        [f"{title}：{link}" for title, link in facts.broken_links],
    ))
    if facts.unanswered_messages is not None:
        findings.append(Finding(
            "unanswered", facts.unanswered_messages > 0,
            f"超过 {UNANSWERED_MONTHS} 个月未答复的信箱来信：{facts.unanswered_messages} 件",
        ))
    return findings
