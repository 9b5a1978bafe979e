"""Disclosure attributes every item carries (条例 arts. 13-16; 目录系统实施指引 metadata)."""

from enum import StrEnum

from gongkai.core.domain.errors import Message, gettext_noop


class DisclosureMode(StrEnum):
    PROACTIVE = "proactive"       # 主动公开 (art. 13)
    ON_REQUEST = "on_request"     # 依申请公开 (art. 13)
    WITHHELD = "withheld"         # 不予公开 (arts. 14-16)


DISCLOSURE_MODE_LABELS = {
    DisclosureMode.PROACTIVE: "主动公开",
    DisclosureMode.ON_REQUEST: "依申请公开",
    DisclosureMode.WITHHELD: "不予公开",
}

# The legal bases of spec §1.3, with the annual-report wording; required for 依申请公开 and 不予公开.
NON_DISCLOSURE_BASES = {
    "state_secret": "条例第十四条：属于国家秘密",
    "prohibited_by_law": "条例第十四条：其他法律行政法规禁止公开",
    "three_securities": "条例第十四条：危及“三安全一稳定”",
    "third_party": "条例第十五条：保护第三方合法权益",
    "internal_affairs": "条例第十六条第一款：属于三类内部事务信息",
    "process_info": "条例第十六条第二款：属于四类过程性信息",
    "enforcement_file": "条例第十六条第二款：属于行政执法案卷",
}


class Scope(StrEnum):
    PUBLIC = "public"        # 面向全社会
    REGION = "region"        # 本行政区域
    PARTIES = "parties"      # 特定对象


SCOPE_LABELS = {Scope.PUBLIC: "面向全社会", Scope.REGION: "本行政区域", Scope.PARTIES: "特定对象"}


class Validity(StrEnum):
    VALID = "valid"          # 有效
    EXPIRED = "expired"      # 失效
    ABOLISHED = "abolished"  # 废止


VALIDITY_LABELS = {Validity.VALID: "有效", Validity.EXPIRED: "失效", Validity.ABOLISHED: "废止"}


def attribute_problems(mode: str, basis: str) -> list[str]:
    """What is wrong with an item's disclosure attribute (mode + legal basis)."""
    if mode not in DISCLOSURE_MODE_LABELS:
        return [gettext_noop("公开方式无效")]
    if mode == DisclosureMode.PROACTIVE and basis:
        return [gettext_noop("主动公开的信息不应填写不公开依据")]
    if mode != DisclosureMode.PROACTIVE and basis not in NON_DISCLOSURE_BASES:
        return [Message(gettext_noop("%(disclosure_mode)s的信息须选择法律依据（条例第十四至十六条）"), disclosure_mode=DISCLOSURE_MODE_LABELS[DisclosureMode(mode)])]
    return []
