"""What the annual report reads from the catalog, as plain facts."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class NormativeKind(StrEnum):
    RULE = "rule"              # 规章
    NORMATIVE = "normative"    # 行政规范性文件


NORMATIVE_KIND_LABELS = {NormativeKind.RULE: "规章", NormativeKind.NORMATIVE: "行政规范性文件"}


class Channel(StrEnum):
    """Where a published item went (the seed report counts each)."""

    PORTAL = "portal"                  # 门户网站
    WEIBO = "weibo"                    # 政务微博
    WEIXIN = "weixin"                  # 政务微信
    UPPER_PORTAL = "upper_portal"      # 报送上级门户
    COMPILATION = "compilation"        # 政务文件汇编
    BULLETIN = "bulletin"              # 公开栏


CHANNEL_LABELS = {
    Channel.PORTAL: "门户网站",
    Channel.WEIBO: "政务微博",
    Channel.WEIXIN: "政务微信",
    Channel.UPPER_PORTAL: "报送上级门户",
    Channel.COMPILATION: "政务文件汇编",
    Channel.BULLETIN: "公开栏",
}


@dataclass(frozen=True)
class NormativeDocFact:
    item_id: int
    agency_id: int
    kind: NormativeKind
    title: str
    issued_on: dt.date              # 成文/印发日期
    effective_on: dt.date | None
    abolished_on: dt.date | None    # 废止 or 失效 date, None while in force
