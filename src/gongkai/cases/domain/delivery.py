"""How a letter reaches the applicant, and the legal time point at which its timeliness is judged.

国办公开办函〔2016〕235号 (国务院办公厅政府信息与政务公开办公室, 2016-12-07):
- 一: a 处理决定 is a formal state document, delivered by 直接送达, 委托其他行政机关代为送达 or 邮寄送达;
- 二: 邮寄 only through a 邮政企业 (《邮政法》 art. 55), never a courier without the 国家公文寄递 qualification;
- 三: postage may not be charged to the applicant by sending 到付;
- 四: 直接送达 and 委托送达: the time point is the day the applicant (or the legal representative) signs for it
  (签收之日); 邮寄: the day it is handed to the post (交邮之日).
电子送达 is not in 235号: it is offered only where the applicant chose an electronic way of receiving the answer
(条例 art. 29 ¶2 (三), the form's 获取方式), and its time point is the day it was sent into the applicant's
chosen system (UNCONFIRMED for 政府信息公开; it follows the general rule for electronic service that a message
is served when it reaches the recipient's system). The content hash, the time sent and the time read are kept.
"""

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.domain.errors import Message, gettext_noop

BASIS = "国办公开办函〔2016〕235号"


class DeliveryMethod(StrEnum):
    DIRECT = "direct"
    ENTRUSTED = "entrusted"
    POST = "post"
    ELECTRONIC = "electronic"


DELIVERY_METHOD_LABELS = {
    DeliveryMethod.DIRECT: "直接送达",
    DeliveryMethod.ENTRUSTED: "委托其他行政机关代为送达",
    DeliveryMethod.POST: "邮寄送达",
    DeliveryMethod.ELECTRONIC: "电子送达",
}

TIME_POINT_LABELS = {
    DeliveryMethod.DIRECT: "签收之日",
    DeliveryMethod.ENTRUSTED: "签收之日",
    DeliveryMethod.POST: "交邮之日",
    DeliveryMethod.ELECTRONIC: "发送之日",
}

TIME_POINT_BASIS = {
    DeliveryMethod.DIRECT: f"{BASIS}第四条",
    DeliveryMethod.ENTRUSTED: f"{BASIS}第一条、第四条",
    DeliveryMethod.POST: f"{BASIS}第二条、第四条",
    DeliveryMethod.ELECTRONIC: "申请人选择的电子方式（发送之日为时点，待确认）",
}

# The 邮政企业 (中国邮政集团) services a letter may go by; a private courier is not offered at all.
POSTAL_SERVICE_LABELS = {
    "ems": "中国邮政速递物流（EMS）",
    "registered": "中国邮政挂号信",
}

# What the applicant chose as 获取方式 that allows electronic delivery.
ELECTRONIC_CHOICES = frozenset({"email", "online"})

# 邮件号码: the UPU S10 form (two letters, nine digits, two letters, e.g. EA123456789CN) or China Post's
# all-digit domestic numbers (10–20 digits).
_WAYBILL = re.compile(r"^(?:[A-Z]{2}\d{9}[A-Z]{2}|\d{10,20})$")


def normalise_waybill(number: str) -> str:
    return re.sub(r"[\s-]", "", number or "").upper()


@dataclass(frozen=True)
class DeliveryFacts:
    method: str
    issued_on: dt.date
    today: dt.date
    applicant_delivery: str          # the 获取方式 the applicant chose
    signed_on: dt.date | None = None
    signed_by: str = ""
    entrusted_organ: str = ""
    posted_on: dt.date | None = None
    postal_service: str = ""
    waybill_number: str = ""
    sent_on: dt.date | None = None   # the local (Asia/Shanghai) date of the time sent
    read_on: dt.date | None = None


def _in_window(day: dt.date | None, label: str, facts: DeliveryFacts) -> list[str]:
    if day is None:
        return [Message(gettext_noop("请填写%(label)s。"), label=label)]
    if day < facts.issued_on or day > facts.today:
        return [Message(gettext_noop("%(label)s应在文书出具之日和今天之间。"), label=label)]
    return []


def problems(facts: DeliveryFacts) -> list[str]:
    """Every reason the record cannot stand, in the officer's words; [] when it can."""
    try:
        method = DeliveryMethod(facts.method)
    except ValueError:
        return [gettext_noop("请选择送达方式：直接送达、委托其他行政机关代为送达、邮寄送达或电子送达。")]
    found: list[str] = []
    if method in {DeliveryMethod.DIRECT, DeliveryMethod.ENTRUSTED}:
        found += _in_window(facts.signed_on, gettext_noop("签收日期"), facts)
        if not facts.signed_by.strip():
            found.append(gettext_noop("请填写签收人（申请人或其法定代理人）。"))
        if method == DeliveryMethod.ENTRUSTED and not facts.entrusted_organ.strip():
            found.append(gettext_noop("委托送达的，请填写受委托代为送达的行政机关。"))
    elif method == DeliveryMethod.POST:
        found += _in_window(facts.posted_on, gettext_noop("交邮日期"), facts)
        if facts.postal_service not in POSTAL_SERVICE_LABELS:
            found.append(gettext_noop("邮寄送达应当通过邮政企业（EMS 或挂号信），不得通过其他快递企业（国办公开办函〔2016〕235号第二条）。"))
        if not _WAYBILL.match(normalise_waybill(facts.waybill_number)):
            found.append(gettext_noop("请填写邮件号码（如 EA123456789CN，或邮政企业的10至20位数字单号）。"))
    else:
        if facts.applicant_delivery not in ELECTRONIC_CHOICES:
            found.append(gettext_noop("申请人未选择以电子邮件或网上方式获取，不能电子送达，请改用直接、委托或邮寄送达。"))
        found += _in_window(facts.sent_on, gettext_noop("发送时间"), facts)
        if facts.read_on is not None and facts.sent_on is not None and facts.read_on < facts.sent_on:
            found.append(gettext_noop("阅读时间不能早于发送时间。"))
    return found


def time_point(facts: DeliveryFacts) -> dt.date:
    """The day timeliness is judged on (235号第四条); call only when ``problems`` is empty."""
    method = DeliveryMethod(facts.method)
    if method == DeliveryMethod.POST:
        return facts.posted_on
    if method == DeliveryMethod.ELECTRONIC:
        return facts.sent_on
    return facts.signed_on


def is_late(time_point_on: dt.date, due_on: dt.date | None) -> bool:
    """An answer is in time when its legal time point is on or before the reply due date."""
    return bool(due_on and time_point_on > due_on)
