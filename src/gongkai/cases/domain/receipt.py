"""The receipt date by channel (条例 art. 31). Every deadline of an application runs from it."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Channel(StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    ORAL = "oral"
    SIGNED_POST = "signed_post"
    ORDINARY_POST = "ordinary_post"
    FAX = "fax"
    EMAIL = "email"
    # Taken in by another system and handed over through the API (docs/api.md).
    HOTLINE_12345 = "hotline_12345"
    PLATFORM = "platform"


CHANNEL_LABELS = {
    Channel.ONLINE: "网上申请",
    Channel.IN_PERSON: "当面提交",
    Channel.ORAL: "口头申请（工作人员代为填写）",
    Channel.SIGNED_POST: "邮寄（需签收）",
    Channel.ORDINARY_POST: "平常信函（无需签收）",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
    Channel.HOTLINE_12345: "12345热线转来",
    Channel.PLATFORM: "依申请公开平台转来",
}


@dataclass(frozen=True)
class ReceiptRule:
    needs_confirmation: bool
    text: str


# 条例 art. 31. E-mail is not named; it is treated as an internet channel (spec §1.6, UNCONFIRMED).
RECEIPT_RULES = {
    Channel.IN_PERSON: ReceiptRule(False, "当面提交的，以提交之日为收到申请之日（《条例》第三十一条第（一）项）"),
    Channel.ORAL: ReceiptRule(False, "口头提出、由工作人员代为填写的，以提出之日为收到申请之日（《条例》第二十九条、第三十一条第（一）项）"),
    Channel.SIGNED_POST: ReceiptRule(False, "以邮寄方式提交的，以行政机关签收之日为收到申请之日（《条例》第三十一条第（二）项）"),
    Channel.ORDINARY_POST: ReceiptRule(True, "以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日（《条例》第三十一条第（二）项）"),
    Channel.ONLINE: ReceiptRule(True, "通过互联网渠道提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）"),
    Channel.FAX: ReceiptRule(True, "通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）"),
    Channel.EMAIL: ReceiptRule(True, "通过电子邮件提交的，按互联网渠道以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）"),
    # A 12345 work order and a provincial 依申请公开 platform reach the agency over the internet: art. 31(3) read
    # as for e-mail (UNCONFIRMED: the statute names neither); the confirmation date may come with the handover.
    Channel.HOTLINE_12345: ReceiptRule(True, "经12345热线转来的，按互联网渠道以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）"),
    Channel.PLATFORM: ReceiptRule(True, "经依申请公开平台转来的，按互联网渠道以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）"),
}


def receipt_date(channel: Channel, *, arrived_on: dt.date, confirmed_on: dt.date | None = None) -> dt.date | None:
    """The legal receipt date, or None while a confirmation the channel needs has not happened."""
    if RECEIPT_RULES[Channel(channel)].needs_confirmation:
        return confirmed_on
    return arrived_on


def late_confirmation(channel: Channel, *, arrived_on: dt.date, confirmed_on: dt.date) -> bool:
    """Ordinary post must be confirmed on the day it arrives (art. 31(2)); a later confirmation is flagged."""
    return Channel(channel) == Channel.ORDINARY_POST and confirmed_on > arrived_on
