"""政府网站工作年度报表 (国办函〔2018〕12号《国务院办公厅关于做好政府网站年度报表发布工作的通知》).

The notice fixes the sections ("主要包括信息发布、专栏专题、解读回应、办事服务、互动交流、安全防护、移动新媒体、
创新发展等情况"), the deadline (每年1月31日前在本网站首页显著位置发布) and the collection column of a province's
or department's portal; the parts below follow that order (verified). UNVERIFIED: the row labels, their order
within a part and the units — the annex's table and published 报表 were not found (docs/adr/0072 lists what was
searched, what is corroborated and the rows the annex may add): they are kept in this one table so that the
office's correction is one edit. Each row says where its figure comes from:

    "site"     the site's identity            "count"   counted from the platform's records for the year
    "entered"  entered by the office with a source note (SiteFigure): security tests, drills, accounts …
"""

from dataclasses import dataclass

# (section, label, key, unit, source). Units: "" for text, "是/否" for a yes/no answer.
ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    ("基本信息", "网站名称", "name", "", "site"),
    ("基本信息", "首页网址", "home", "", "site"),
    ("基本信息", "主办单位", "sponsor", "", "site"),
    ("基本信息", "网站类型", "site_type", "", "site"),
    ("基本信息", "政府网站标识码", "site_code", "", "site"),
    ("基本信息", "ICP备案号", "icp_record", "", "site"),
    ("基本信息", "公安机关备案号", "police_record", "", "site"),
    ("基本信息", "独立用户访问总量", "visitors", "个", "count"),
    ("基本信息", "网站总访问量", "views", "次", "count"),
    ("信息发布", "总数", "items_total", "条", "count"),
    ("信息发布", "概况类信息更新量", "items_overview", "条", "count"),
    ("信息发布", "政务动态信息更新量", "items_news", "条", "count"),
    ("信息发布", "信息公开目录信息更新量", "items_catalog", "条", "count"),
    ("专栏专题", "维护数量", "columns_kept", "个", "entered"),
    ("专栏专题", "新开设数量", "columns_new", "个", "entered"),
    ("解读回应", "解读信息发布总数", "interpretations", "条", "count"),
    ("解读回应", "其中：解读材料数量", "interpretation_texts", "条", "count"),
    ("解读回应", "解读产品数量", "interpretation_products", "个", "entered"),
    ("解读回应", "媒体评论文章数量", "media_articles", "篇", "entered"),
    ("解读回应", "回应公众关注热点或重大舆情数量", "concern_responses", "次", "count"),
    ("办事服务", "是否发布服务事项目录", "service_catalog", "是/否", "entered"),
    ("办事服务", "注册用户数", "service_users", "个", "entered"),
    ("办事服务", "政务服务事项数量", "service_matters", "项", "entered"),
    ("办事服务", "可全程在线办理政务服务事项数量", "service_online", "项", "entered"),
    ("互动交流", "是否使用统一平台", "unified_platform", "是/否", "count"),
    ("互动交流", "留言办理：收到留言数量", "messages_received", "条", "count"),
    ("互动交流", "留言办理：办结留言数量", "messages_completed", "条", "count"),
    ("互动交流", "留言办理：平均办理时间", "messages_mean_days", "天", "count"),
    ("互动交流", "留言办理：公开答复数量", "messages_published", "条", "count"),
    ("互动交流", "征集调查：征集调查期数", "surveys", "期", "entered"),
    ("互动交流", "在线访谈：访谈期数", "interviews", "期", "count"),
    ("互动交流", "是否提供智能问答", "smart_answers", "是/否", "entered"),
    ("安全防护", "安全检测评估次数", "security_tests", "次", "entered"),
    ("安全防护", "发现问题数量", "security_issues", "个", "entered"),
    ("安全防护", "问题整改数量", "security_fixed", "个", "entered"),
    ("安全防护", "是否建立安全监测预警机制", "monitoring", "是/否", "entered"),
    ("安全防护", "是否开展应急演练", "drills", "是/否", "entered"),
    ("安全防护", "是否明确网站安全责任人", "safety_officer", "是/否", "entered"),
    ("移动新媒体", "政务微博：信息发布量", "weibo_posts", "条", "entered"),
    ("移动新媒体", "政务微博：关注量", "weibo_followers", "个", "entered"),
    ("移动新媒体", "政务微信：信息发布量", "wechat_posts", "条", "entered"),
    ("移动新媒体", "政务微信：订阅数", "wechat_followers", "个", "entered"),
    ("创新发展", "创新发展情况", "innovation", "", "entered"),
)

# Figures the office holds for the year that are not rows of the annex's table (the seed's 2017 report states
# them for 万盛网: "全年编辑、审核、上传万盛网各类信息7000余条，上传图片1200余张"). Printed after the table, under a
# heading of their own, only when entered.
APPENDIX_SECTION = "附：本年度网站其他统计（不属于报表栏目）"
APPENDIX: tuple[tuple[str, str, str, str, str], ...] = (
    (APPENDIX_SECTION, "编辑、审核、上传信息", "edited_items", "条", "entered"),
    (APPENDIX_SECTION, "上传图片", "pictures", "张", "entered"),
)
APPENDIX_KEYS = tuple(key for _s, _l, key, _u, _src in APPENDIX)

# 我为政府网站找错 figures the inspection and the 监管年度报表 read (not rows of the site's own 报表).
ENTERED_KEYS = tuple(key for _s, _l, key, _u, source in ROWS if source == "entered")
# 概况类 and 政务动态 as the catalog classifies items.
OVERVIEW_STATUTORY_ITEM = "art20-01"   # 条例 art. 20(1): 机构职能、机构设置、办公地址…负责人姓名
NEWS_CATEGORY = "dongtai"              # the catalog's 内容类别 工作动态


@dataclass(frozen=True)
class Row:
    section: str
    label: str
    key: str
    unit: str
    source: str
    value: object      # int, Decimal, str, bool or None (not stated)
    note: str = ""

    @property
    def shown(self) -> str:
        if self.value is None or self.value == "":
            return "—"
        if self.unit == "是/否":
            return "是" if self.value else "否"
        if self.unit in ("", "天"):
            return str(self.value)
        return f"{self.value}"


def build_rows(values: dict, notes: dict | None = None) -> list[Row]:
    """The 报表's rows, in the table's order, from {key: value} (missing keys are shown as not stated)."""
    notes = notes or {}
    rows = [Row(section, label, key, unit, source, values.get(key), notes.get(key, ""))
            for section, label, key, unit, source in ROWS]
    return rows + [Row(section, label, key, unit, source, values[key], notes.get(key, ""))
                   for section, label, key, unit, source in APPENDIX if values.get(key) is not None]


def sections(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    out: list[tuple[str, list[Row]]] = []
    for row in rows:
        if not out or out[-1][0] != row.section:
            out.append((row.section, []))
        out[-1][1].append(row)
    return out

YES_NO = frozenset(key for _s, _l, key, unit, _src in ROWS if unit == "是/否")
