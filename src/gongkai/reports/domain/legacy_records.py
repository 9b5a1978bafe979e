"""The facts a 2008-form report narrates beyond the applications and appeals (the 2017 seed report's parts 一
and 二), as figures counted from records, and the one rule by which a counted value is stated as a round
figure ("2万余条", "7000余条", "65万人次").

Each figure names what it counts: items by 重点领域 (focus term) and by channel, the district's own portal,
汇编 editions, the agencies of the roll-up, the office's sections, the agencies' websites, the mailbox rates,
and the site statistics the office declares with their source (the content system's yearly figures).
"""

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from gongkai.reports.domain.legacy import Figure

# 二（二）重点领域信息公开情况: the focus terms the seed itemises, with its own words and units.
FOCUS_FIGURES = (
    ("caizhengzijin", "公开财政资金信息", "条"),
    ("zhaotoubiao", "招投标信息", "条"),
    ("guifanxing", "规范性文件", "件"),
    ("gongwen", "主动公开公文", "件"),
    ("quanli", "权力清单", "条"),
    ("guowuyuan", "转发国务院公文", "条"),
    ("shizhengfu", "市政府公开文件", "件"),
    ("zhongdianxiangmu", "通过宣传栏公示重点项目进展情况", "期"),
    ("yujuesuan", "部门预决算", "条"),
)

# Site statistics no platform record holds: the office declares them with their source.
DECLARED_LEGACY = {
    "legacy|site_items_edited": ("门户网站编辑、审核、上传各类信息", "条"),
    "legacy|site_pictures": ("门户网站上传图片", "张"),
    "legacy|site_page_views": ("门户网站浏览量", "人次"),
    "legacy|new_unit_sites": ("新增建设单位网站整合上线", "家"),
}

# 三: what the year's applications were about, by words of their descriptions (first match wins).
SUBJECT_WORDS = (
    ("产权", "房屋产权"),
    ("规划", "规划"),
    ("征收", "房屋征收"),
    ("预算", "财政预决算"),
    ("决算", "财政预决算"),
    ("土地", "土地"),
    ("环境", "生态环境"),
)


def approximate(value: int) -> str:
    """A counted value as the report states a round figure (the seed: 7046 → "7000余", 1213 → "1200余",
    21374 → "2万余", 651327 → "65万").

    Below 1,000 the value is exact. From 1,000 to 9,999 it keeps its first two digits and says 余 if anything
    was dropped. From 10,000 to 99,999 it is whole 万, with 余 if anything was dropped. From 100,000 it is the
    nearest whole 万 (a magnitude, without 余).
    """
    if value < 1000:
        return str(value)
    if value < 10000:
        step = 10 ** (len(str(value)) - 2)
        kept = value // step * step
        return f"{kept}余" if kept != value else str(value)
    if value < 100000:
        wan = value // 10000
        return f"{wan}万余" if wan * 10000 != value else f"{wan}万"
    wan = (Decimal(value) / 10000).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{wan}万"


def rate(part: int, whole: int) -> Decimal | None:
    """A percentage to the unit, half up, as the seed states rates (受理率 100%)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def subjects(descriptions: Iterable[str], limit: int = 2) -> list[str]:
    """The fields the applications most often concerned, most frequent first (ties in table order)."""
    counts: Counter[str] = Counter()
    order = {label: i for i, (_, label) in enumerate(SUBJECT_WORDS)}
    for text in descriptions:
        found = next((label for word, label in SUBJECT_WORDS if word in text), None)
        if found:
            counts[found] += 1
    ranked = sorted(counts, key=lambda label: (-counts[label], order[label]))
    return ranked[:limit]


_QUOTED = re.compile(r"《([^》]+)》（([^）]+号)）")


def cited_document(title: str, doc_number: str) -> str:
    """A document as part 一 cites it: 《title》（number）. A forwarding notice cites the document it forwards."""
    quoted = _QUOTED.search(title)
    if quoted:
        return f"《{quoted.group(1)}》（{quoted.group(2)}）"
    return f"《{title}》（{doc_number}）" if doc_number else f"《{title}》"


def record_figures(*, focus_counts: Mapping[str, int], channel_counts: Mapping[str, int], own_portal: int,
                   compilations: Mapping[str, int], units: int, sections: int, websites: int,
                   mailbox: Mapping[str, int], declared: Mapping[str, object]) -> list[Figure]:
    figures = [
        Figure(f"focus_{code}", label, focus_counts.get(code, 0), unit, "proactive")
        for code, label, unit in FOCUS_FIGURES
    ]
    all_channels = sum(channel_counts.values())
    figures += [
        Figure("publications_all_channels", "主动公开政府信息（各渠道合计）", all_channels, "条", "proactive"),
        Figure("own_portal_items", "本机关门户网站主动公开政府信息", own_portal, "条", "proactive"),
        Figure("new_media_items", "政务微博和微信公开政府信息",
               channel_counts.get("weibo", 0) + channel_counts.get("weixin", 0), "条", "overview"),
        Figure("compilation_editions", "印制发行政务文件汇编", compilations.get("editions", 0), "期", "proactive"),
        Figure("compilation_documents", "政务文件汇编公开各类文件", compilations.get("documents", 0), "件",
               "proactive"),
        Figure("compilation_copies", "政务文件汇编免费赠阅", compilations.get("copies", 0), "份", "proactive"),
        Figure("units", "部门（镇街）", units, "个", "overview"),
        Figure("office_sections", "政府信息公开工作机构内设科室", sections, "个", "overview"),
        Figure("unit_websites", "整合上线的部门网站", websites, "个", "overview"),
        Figure("mailbox_acceptance_rate", "公开电话（信箱）来件受理率",
               rate(mailbox.get("accepted", 0), mailbox.get("received", 0)), "%", "overview"),
        Figure("mailbox_completion_rate", "公开电话（信箱）来件办结率",
               rate(mailbox.get("completed", 0), mailbox.get("received", 0)), "%", "overview"),
    ]
    for key, (label, unit) in DECLARED_LEGACY.items():
        value = declared.get(key)
        figures.append(Figure(key.split("|", 1)[1], label, value, unit, "overview"))
    return figures


# Facts in words the office enters for a year (reports.models.ReportParticular).
PARTICULARS = {
    "leader": "分管信息公开工作的领导（职务和姓名）",
    "portal_name": "门户网站名称（公众通用的简称）",
}
