"""Kinds of the work records an annual report narrates (section 一 of the 2017-style report, 六 of 2021's)."""

from enum import StrEnum


class OutreachKind(StrEnum):
    CONCERN_RESPONSE = "concern_response"           # 回应公众关注热点或重大舆情（回应关切）
    PRESS_CONFERENCE = "press_conference"           # 新闻发布会
    ONLINE_INTERVIEW = "online_interview"           # 在线访谈
    NORMATIVE_INTERPRETATION = "normative_interpretation"  # 规范性文件政策解读 (one record per document)
    OTHER_INTERPRETATION = "other_interpretation"   # 其他类政策解读稿件 (one record per piece)


class ArchiveKind(StrEnum):
    APPRAISAL = "appraisal"    # 档案鉴定开发：件、卷
    READING = "reading"        # 查阅接待：人次
    COPYING = "copying"        # 复制：页
    DELIVERY = "delivery"      # 送交档案馆、图书馆 (条例 art. 25: 主动公开的政府信息 to 档案馆、公共图书馆)


# Which quantity each archive record kind carries; the others must be zero (a model check constraint too).
ARCHIVE_QUANTITIES: dict[ArchiveKind, frozenset[str]] = {
    ArchiveKind.APPRAISAL: frozenset({"items", "volumes"}),
    ArchiveKind.READING: frozenset({"visitors"}),
    ArchiveKind.COPYING: frozenset({"pages"}),
    ArchiveKind.DELIVERY: frozenset({"items"}),
}
