"""Yearly figures of a site that no record of the platform holds, entered by the office with a source note.

Two kinds: counts of years before the platform kept records (the seed's 2017 figures of 万盛网: 一（三）
"全年编辑、审核、上传万盛网各类信息7000余条，上传图片1200余张，全年万盛网浏览量65万人次"), and the 安全防护
figures of the 政府网站工作年度报表 (国办函〔2018〕12号) that come from tests and drills outside the platform.
Yes/no questions are held as 1 (是) or 0 (否).
"""

from gongkai.sites.domain.yearly_report import ROWS

# key -> (label, unit); unit "是/否" marks a yes/no question (1 是, 0 否). 创新发展 is a text: its note.
FIGURE_KEYS = {
    "edited_items": ("编辑、审核、上传信息", "条"),
    "pictures": ("上传图片", "张"),
    "page_views": ("浏览量（无访问记录的年度）", "人次"),
    "visitors": ("独立用户访问总量（无访问记录的年度）", "个"),
    **{key: (f"{section}：{label}", unit or "文字，写在来源说明中")
       for section, label, key, unit, source in ROWS if source == "entered"},
}
