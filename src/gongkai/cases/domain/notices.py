"""Notices to applicants (mail and SMS) for each event that concerns them, and the plain words the applicant's
page uses. Pure: the built-in wording, the placeholders an office may use, and filling them.

Notices name the tracking code and what happened, never the applicant's identifiers or the request itself: an
e-mail or SMS may be read by someone else. They point to the applicant's page, where the letters are.
"""

import re
from enum import StrEnum

from gongkai.cases.domain.results import Result


class NoticeEvent(StrEnum):
    REGISTERED = "registered"
    RECEIVED = "received"
    CORRECTION_REQUESTED = "correction_requested"
    EXTENDED = "extended"
    FEE_NOTICE = "fee_notice"
    DECIDED = "decided"
    LETTER_READY = "letter_ready"
    ACCESS_CODE = "access_code"


NOTICE_EVENT_LABELS = {
    NoticeEvent.REGISTERED: "申请已登记",
    NoticeEvent.RECEIVED: "收到申请",
    NoticeEvent.CORRECTION_REQUESTED: "告知补正",
    NoticeEvent.EXTENDED: "延长答复期限",
    NoticeEvent.FEE_NOTICE: "收费通知",
    NoticeEvent.DECIDED: "作出答复",
    NoticeEvent.LETTER_READY: "告知书可下载",
    NoticeEvent.ACCESS_CODE: "申请人页面验证码",
}

NOTICE_CHANNEL_LABELS = {"mail": "邮件", "sms": "短信"}

NOTICE_PLACEHOLDERS = {
    "机关": "受理机关名称",
    "查询码": "申请查询码",
    "收到日期": "收到申请之日",
    "答复期限": "答复期限届满日（暂定的注明暂定）",
    "补正期限": "补正期限届满日",
    "补正事项": "需要补正的事项",
    "延长天数": "延长的工作日数",
    "收费金额": "应缴金额（元）",
    "缴费期限": "缴费期限届满日",
    "办理结果": "办理结果（通俗表述）",
    "文书": "告知书名称",
    "验证码": "一次性验证码（仅验证码通知）",
    "有效分钟": "验证码有效分钟数（仅验证码通知）",
}

_PAGE = "请凭查询码在{机关}政府信息公开栏目的“我的申请”页面查看详情、下载告知书。"

# event -> (mail subject, mail body, sms body)
DEFAULTS: dict[NoticeEvent, tuple[str, str, str]] = {
    NoticeEvent.REGISTERED: (
        "【政府信息公开】申请 {查询码} 已登记",
        "您的政府信息公开申请已登记，查询码为 {查询码}，请妥善保存。本机关确认收到申请后开始计算答复期限。\n\n" + _PAGE,
        "【{机关}】您的政府信息公开申请已登记，查询码{查询码}，请妥善保存。",
    ),
    NoticeEvent.RECEIVED: (
        "【政府信息公开】申请 {查询码}：已收到",
        "本机关已于{收到日期}收到您的政府信息公开申请（查询码 {查询码}），将于{答复期限}前作出答复。\n\n" + _PAGE,
        "【{机关}】已收到您的政府信息公开申请（{查询码}），将于{答复期限}前答复。",
    ),
    NoticeEvent.CORRECTION_REQUESTED: (
        "【政府信息公开】申请 {查询码}：需要补正",
        "您的政府信息公开申请（查询码 {查询码}）内容需要补正：{补正事项}\n请于{补正期限}前补正，可以在“我的申请”页面"
        "直接提交。答复期限自本机关收到补正后的申请之日起重新计算；无正当理由逾期不补正的，视为放弃申请。\n\n" + _PAGE,
        "【{机关}】您的申请（{查询码}）需要补正，请于{补正期限}前补正，详见补正告知书。",
    ),
    NoticeEvent.EXTENDED: (
        "【政府信息公开】申请 {查询码}：答复期限延长",
        "经本机关政府信息公开工作机构负责人同意，您的申请（查询码 {查询码}）答复期限延长，将于{答复期限}前作出答复。\n\n" + _PAGE,
        "【{机关}】您的申请（{查询码}）答复期限延长至{答复期限}。",
    ),
    NoticeEvent.FEE_NOTICE: (
        "【政府信息公开】申请 {查询码}：收费通知",
        "本机关对您的申请（查询码 {查询码}）收取信息处理费 {收费金额} 元，请于{缴费期限}前按收费通知书所列方式缴纳；"
        "逾期未缴纳的，视为放弃申请。\n\n" + _PAGE,
        "【{机关}】您的申请（{查询码}）需缴纳信息处理费{收费金额}元，缴费期限{缴费期限}，详见收费通知书。",
    ),
    NoticeEvent.DECIDED: (
        "【政府信息公开】申请 {查询码}：已作出答复",
        "本机关已对您的政府信息公开申请（查询码 {查询码}）作出答复：{办理结果}。\n\n" + _PAGE,
        "【{机关}】您的申请（{查询码}）已作出答复，请查看答复书。",
    ),
    NoticeEvent.LETTER_READY: (
        "【政府信息公开】申请 {查询码}：{文书}",
        "本机关已就您的政府信息公开申请（查询码 {查询码}）出具《{文书}》。\n\n" + _PAGE,
        "【{机关}】您的申请（{查询码}）《{文书}》已出具，可在“我的申请”页面下载。",
    ),
    NoticeEvent.ACCESS_CODE: (
        "【政府信息公开】“我的申请”验证码",
        "您正在查看政府信息公开申请（查询码 {查询码}）。验证码：{验证码}，{有效分钟}分钟内有效。如非本人操作，请忽略本邮件。",
        "【{机关}】验证码{验证码}，{有效分钟}分钟内有效，用于查看申请{查询码}。如非本人操作请忽略。",
    ),
}

_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,12})\}")
MAX_SMS_CHARS = 300


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in _PLACEHOLDER.findall(text) if name not in NOTICE_PLACEHOLDERS})


def default_notice(event: NoticeEvent, channel: str) -> tuple[str, str]:
    subject, mail, sms = DEFAULTS[event]
    return (subject, mail) if channel == "mail" else ("", sms)


def fill(text: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")) if m.group(1) in NOTICE_PLACEHOLDERS
                            else m.group(0), text)


_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")


def mobile_number(phone: str) -> str:
    """The mainland mobile number in a contact phone ("+86 138-0013-8000" → "13800138000"), or "" for a
    landline or anything else (no SMS to those)."""
    digits = re.sub(r"[\s\-()（）]", "", phone or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits if _MOBILE.match(digits) else ""


# The result in plain words for the applicant: the row of table 三 without its numbering or statistical notes
# (the report's "（区分处理的，只计这一情形，不计其他情形）" is a counting rule, not an answer).
PLAIN_RESULTS = {
    Result.DISCLOSED: "予以公开",
    Result.PARTIAL: "部分公开（可以公开的部分予以提供，其余部分不予公开并说明理由）",
    Result.WITHHELD_STATE_SECRET: "不予公开：属于国家秘密",
    Result.WITHHELD_LAW_PROHIBITS: "不予公开：法律、行政法规禁止公开",
    Result.WITHHELD_SECURITY: "不予公开：公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    Result.WITHHELD_THIRD_PARTY: "不予公开：公开会损害第三方合法权益",
    Result.WITHHELD_INTERNAL_AFFAIRS: "不予公开：属于行政机关内部事务信息",
    Result.WITHHELD_PROCESS_INFO: "不予公开：属于行政机关的过程性信息",
    Result.WITHHELD_ENFORCEMENT_FILE: "不予公开：属于行政执法案卷信息",
    Result.WITHHELD_ADMIN_QUERY: "不予公开：属于行政查询事项，请依照有关规定办理",
    Result.UNABLE_NOT_HELD: "无法提供：本机关不掌握相关政府信息",
    Result.UNABLE_NEEDS_CREATION: "无法提供：没有现成信息，需要另行制作",
    Result.UNABLE_STILL_UNCLEAR: "无法提供：补正后申请内容仍不明确",
    Result.NOT_PROCESSED_PETITION: "不作为政府信息公开申请处理：属于信访、举报、投诉类事项",
    Result.NOT_PROCESSED_REPEAT: "不予重复处理：已就相同申请作出过答复",
    Result.NOT_PROCESSED_PUBLICATION: "不予处理：所要求的是公开出版物，请通过出版发行渠道获取",
    Result.NOT_PROCESSED_EXCESSIVE: "不予处理：无正当理由大量、反复申请",
    Result.NOT_PROCESSED_CONFIRMATION: "不予处理：要求确认或重新出具已获取的信息",
    Result.OTHER_NO_CORRECTION: "不再处理：逾期未补正，视为放弃申请",
    Result.OTHER_UNPAID_FEE: "不再处理：逾期未缴纳信息处理费，视为放弃申请",
    Result.OTHER: "其他处理",
}
assert set(PLAIN_RESULTS) == set(Result)
