"""The figures of a 2008-era six-part report (2008 条例 art. 32; the 2017 seed report), from facts.

Part 二 proactive disclosure by channel and category, 三 applications received and handled, 四 fees and
waivers, 五 reconsideration and litigation; parts 一 and 六 are narrative. Every figure is counted from
records: items by channel from the catalog, applications and appeals from cases, the work the report
narrates (mailbox, responses to concerns, archive visits) from engagement.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from gongkai.cases.domain.appeals import AppealKind
from gongkai.cases.domain.facts import AppealFact, ApplicationFact
from gongkai.cases.domain.results import ROW_OF, Result, ResultGroup
from gongkai.reports.domain.statistics import NormativeCounts, year_bounds


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int | Decimal | None
    unit: str
    part: str  # the legacy section key it belongs to


def _group(fact: ApplicationFact) -> ResultGroup:
    return ROW_OF[fact.result or Result.OTHER].group


def legacy_figures(
    *,
    year: int,
    applications: Iterable[ApplicationFact],
    appeals: Iterable[AppealFact],
    normative: NormativeCounts,
    published_total: int,
    channel_counts: Mapping[str, int],
    channel_labels: Mapping[str, str],
    engagement: Mapping[str, object] | None,
) -> list[Figure]:
    ids = record_ids(year=year, applications=applications, appeals=appeals)
    amounts = fee_amounts(year=year, applications=applications)
    fees_paid = sum(amounts.values(), Decimal("0"))
    normative_issued = sum(len(v) for v in normative.issued.values())

    figures = [
        Figure("items_published", "主动公开政府信息", published_total, "条", "proactive"),
        Figure("normative_issued", "主动公开规范性文件", normative_issued, "个", "proactive"),
    ]
    for channel, label in channel_labels.items():
        figures.append(Figure(f"channel_{channel}", f"{label}公开信息", channel_counts.get(channel, 0), "条", "proactive"))
    figures += [
        Figure("applications_received", "受理依申请公开", len(ids["applications_received"]), "件", "requests"),
        Figure("applications_concluded", "办结依申请公开", len(ids["applications_concluded"]), "件", "requests"),
        Figure("applications_pending", "尚未办结", len(ids["applications_pending"]), "件", "requests"),
        Figure("applications_disclosed", "予以公开或部分公开", len(ids["applications_disclosed"]), "件", "requests"),
        Figure("applications_withheld", "不予公开", len(ids["applications_withheld"]), "件", "requests"),
        Figure("fee_notices", "发出收费通知", len(ids["fee_notices"]), "件", "fees"),
        Figure("fees_collected", "收取费用", fees_paid, "元", "fees"),
        Figure("reconsiderations", "因政府信息公开申请行政复议", len(ids["reconsiderations"]), "件", "appeals"),
        Figure("lawsuits", "因政府信息公开申请提起行政诉讼", len(ids["lawsuits"]), "件", "appeals"),
    ]
    if engagement is not None:
        figures += engagement_figures(engagement)
    return figures


def record_ids(*, year: int, applications: Iterable[ApplicationFact],
               appeals: Iterable[AppealFact]) -> dict[str, list[int]]:
    """The applications (case ids) and appeals (appeal ids) each counted figure of 三, 四 and 五 counts: the
    figure is the length of its list, and the drill-down lists the same records."""
    start, end = year_bounds(year)
    ids: dict[str, list[int]] = {key: [] for key in (
        "applications_received", "applications_concluded", "applications_pending", "applications_disclosed",
        "applications_withheld", "fee_notices", "fees_collected", "reconsiderations", "lawsuits")}
    for fact in applications:
        if fact.received_on > end or (fact.concluded_on is not None and fact.concluded_on < start):
            continue
        if fact.received_on >= start:
            ids["applications_received"].append(fact.case_id)
        if fact.concluded_on is not None and fact.concluded_on <= end:
            ids["applications_concluded"].append(fact.case_id)
            group = _group(fact)
            if group in (ResultGroup.DISCLOSED, ResultGroup.PARTIAL):
                ids["applications_disclosed"].append(fact.case_id)
            if group == ResultGroup.WITHHELD:
                ids["applications_withheld"].append(fact.case_id)
        else:
            ids["applications_pending"].append(fact.case_id)
        if fact.fee_notice_on is not None and start <= fact.fee_notice_on <= end:
            ids["fee_notices"].append(fact.case_id)
    ids["fees_collected"] = sorted(fee_amounts(year=year, applications=applications))
    for appeal in appeals:
        if start <= appeal.filed_on <= end:
            ids["reconsiderations" if appeal.kind == AppealKind.RECONSIDERATION else "lawsuits"].append(
                appeal.appeal_id)
    return {key: sorted(found) for key, found in ids.items()}


def fee_amounts(*, year: int, applications: Iterable[ApplicationFact]) -> dict[int, Decimal]:
    """case id -> fee paid in the year: 收取费用 is their sum."""
    start, end = year_bounds(year)
    return {fact.case_id: fact.fee_paid for fact in applications
            if fact.fee_paid_on is not None and start <= fact.fee_paid_on <= end and fact.fee_paid}


ENGAGEMENT_FIGURES = (
    ("disclosure_staff", "从事信息公开工作人员", "名", "overview"),
    ("mailbox_received", "公开电话（信箱）系统来件", "件", "overview"),
    ("mailbox_accepted", "受理公开电话（信箱）来件", "件", "overview"),
    ("mailbox_completed", "办结公开电话（信箱）来件", "件", "overview"),
    ("satisfaction_rate", "群众满意率", "%", "overview"),
    ("suggestions_and_complaints", "办理建言献策和投诉信件", "件", "requests"),
    ("concern_responses", "回应公众关注热点或重大舆情", "次", "proactive"),
    ("press_conferences", "举办新闻发布会", "次", "proactive"),
    ("online_interviews", "开展在线访谈", "次", "proactive"),
    ("interpretations_of_normative", "规范性文件政策解读", "件", "proactive"),
    ("other_interpretations", "其他政策解读稿件", "件", "proactive"),
    ("periodical_copies", "编辑出版刊物免费赠阅", "份", "proactive"),
    ("archive_items_appraised", "档案鉴定清理", "件", "proactive"),
    ("archive_volumes_appraised", "档案鉴定清理", "卷", "proactive"),
    ("archive_visitors", "档案馆接待查档者", "人次", "proactive"),
    ("archive_pages_copied", "复制档案", "页", "proactive"),
    ("trainings", "开展业务培训", "次", "overview"),
    ("training_participants", "参加培训", "人次", "overview"),
)


def engagement_figures(engagement: Mapping[str, object]) -> list[Figure]:
    figures = []
    for key, label, unit, part in ENGAGEMENT_FIGURES:
        value = engagement.get(key)
        figures.append(Figure(key, label, Decimal(str(value)) if isinstance(value, float) else value, unit, part))
    for title, issues in (engagement.get("periodical_issues") or {}).items():
        figures.append(Figure(f"periodical:{title}", f"编辑出版《{title}》", issues, "期", "proactive"))
    return figures
