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
    start, end = year_bounds(year)
    received = concluded = carried_out = withheld = disclosed = fee_notices = 0
    fees_paid = Decimal("0")
    for fact in applications:
        if fact.received_on > end or (fact.concluded_on is not None and fact.concluded_on < start):
            continue
        if fact.received_on >= start:
            received += 1
        if fact.concluded_on is not None and fact.concluded_on <= end:
            concluded += 1
            group = _group(fact)
            disclosed += group in (ResultGroup.DISCLOSED, ResultGroup.PARTIAL)
            withheld += group == ResultGroup.WITHHELD
        else:
            carried_out += 1
        if fact.fee_notice_on is not None and start <= fact.fee_notice_on <= end:
            fee_notices += 1
        if fact.fee_paid_on is not None and start <= fact.fee_paid_on <= end:
            fees_paid += fact.fee_paid
    reconsiderations = suits = 0
    for appeal in appeals:
        if start <= appeal.filed_on <= end:
            reconsiderations += appeal.kind == AppealKind.RECONSIDERATION
            suits += appeal.kind != AppealKind.RECONSIDERATION
    normative_issued = sum(len(v) for v in normative.issued.values())

    figures = [
        Figure("items_published", "主动公开政府信息", published_total, "条", "proactive"),
        Figure("normative_issued", "主动公开规范性文件", normative_issued, "个", "proactive"),
    ]
    for channel, label in channel_labels.items():
        figures.append(Figure(f"channel_{channel}", f"{label}公开信息", channel_counts.get(channel, 0), "条", "proactive"))
    figures += [
        Figure("applications_received", "受理依申请公开", received, "件", "requests"),
        Figure("applications_concluded", "办结依申请公开", concluded, "件", "requests"),
        Figure("applications_pending", "尚未办结", carried_out, "件", "requests"),
        Figure("applications_disclosed", "予以公开或部分公开", disclosed, "件", "requests"),
        Figure("applications_withheld", "不予公开", withheld, "件", "requests"),
        Figure("fee_notices", "发出收费通知", fee_notices, "件", "fees"),
        Figure("fees_collected", "收取费用", fees_paid, "元", "fees"),
        Figure("reconsiderations", "因政府信息公开申请行政复议", reconsiderations, "件", "appeals"),
        Figure("lawsuits", "因政府信息公开申请提起行政诉讼", suits, "件", "appeals"),
    ]
    if engagement is not None:
        figures += engagement_figures(engagement)
    return figures


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
