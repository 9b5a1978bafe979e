"""The result of an application: exactly one of the 22 result rows of annual-report table 三
(国办公开办函〔2021〕30号; spec §3.4). Labels are official, character for character.

Each result carries the art. 36 reply type it is normally given with and its legal basis. The mapping of
36(1), 36(5) and 36(7) to rows is common practice (spec §1.10, UNCONFIRMED) and lives in ``REPLY_TYPES``.
"""

from dataclasses import dataclass
from enum import StrEnum


class ResultGroup(StrEnum):
    DISCLOSED = "（一）予以公开"
    PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    WITHHELD = "（三）不予公开"
    UNABLE = "（四）无法提供"
    NOT_PROCESSED = "（五）不予处理"
    OTHER = "（六）其他处理"


class Result(StrEnum):
    DISCLOSED = "disclosed"
    PARTIAL = "partial"
    WITHHELD_STATE_SECRET = "withheld_state_secret"
    WITHHELD_LAW_PROHIBITS = "withheld_law_prohibits"
    WITHHELD_SECURITY = "withheld_security"
    WITHHELD_THIRD_PARTY = "withheld_third_party"
    WITHHELD_INTERNAL_AFFAIRS = "withheld_internal_affairs"
    WITHHELD_PROCESS_INFO = "withheld_process_info"
    WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file"
    WITHHELD_ADMIN_QUERY = "withheld_admin_query"
    UNABLE_NOT_HELD = "unable_not_held"
    UNABLE_NEEDS_CREATION = "unable_needs_creation"
    UNABLE_STILL_UNCLEAR = "unable_still_unclear"
    NOT_PROCESSED_PETITION = "not_processed_petition"
    NOT_PROCESSED_REPEAT = "not_processed_repeat"
    NOT_PROCESSED_PUBLICATION = "not_processed_publication"
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive"
    NOT_PROCESSED_CONFIRMATION = "not_processed_confirmation"
    OTHER_NO_CORRECTION = "other_no_correction"
    OTHER_UNPAID_FEE = "other_unpaid_fee"
    OTHER = "other"


@dataclass(frozen=True)
class ResultRow:
    result: Result
    group: ResultGroup
    label: str  # the row label; for （一）（二） the group label itself
    legal_basis: str


def _row(result, group, label, basis):
    return ResultRow(Result(result), group, label, basis)


# In the order of the table. Sub-row numerals are ASCII digits with "." as in the official format.
RESULT_ROWS: tuple[ResultRow, ...] = (
    _row("disclosed", ResultGroup.DISCLOSED, "（一）予以公开", "《条例》第三十六条第（一）（二）项"),
    _row("partial", ResultGroup.PARTIAL, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "《条例》第三十七条"),
    _row("withheld_state_secret", ResultGroup.WITHHELD, "1.属于国家秘密", "《条例》第十四条"),
    _row("withheld_law_prohibits", ResultGroup.WITHHELD, "2.其他法律行政法规禁止公开", "《条例》第十四条"),
    _row("withheld_security", ResultGroup.WITHHELD, "3.危及“三安全一稳定”", "《条例》第十四条"),
    _row("withheld_third_party", ResultGroup.WITHHELD, "4.保护第三方合法权益", "《条例》第十五条、第三十二条"),
    _row("withheld_internal_affairs", ResultGroup.WITHHELD, "5.属于三类内部事务信息", "《条例》第十六条第一款"),
    _row("withheld_process_info", ResultGroup.WITHHELD, "6.属于四类过程性信息", "《条例》第十六条第二款"),
    _row("withheld_enforcement_file", ResultGroup.WITHHELD, "7.属于行政执法案卷", "《条例》第十六条第二款"),
    _row("withheld_admin_query", ResultGroup.WITHHELD, "8.属于行政查询事项", "《条例》第三十六条第（七）项"),
    _row("unable_not_held", ResultGroup.UNABLE, "1.本机关不掌握相关政府信息", "《条例》第三十六条第（四）（五）项"),
    _row("unable_needs_creation", ResultGroup.UNABLE, "2.没有现成信息需要另行制作", "《条例》第三十八条"),
    _row("unable_still_unclear", ResultGroup.UNABLE, "3.补正后申请内容仍不明确", "《条例》第三十条"),
    _row("not_processed_petition", ResultGroup.NOT_PROCESSED, "1.信访举报投诉类申请", "《条例》第三十九条第一款"),
    _row("not_processed_repeat", ResultGroup.NOT_PROCESSED, "2.重复申请", "《条例》第三十六条第（六）项"),
    _row("not_processed_publication", ResultGroup.NOT_PROCESSED, "3.要求提供公开出版物", "《条例》第三十九条第二款"),
    _row("not_processed_excessive", ResultGroup.NOT_PROCESSED, "4.无正当理由大量反复申请", "《条例》第三十五条"),
    _row("not_processed_confirmation", ResultGroup.NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息", ""),
    _row("other_no_correction", ResultGroup.OTHER,
         "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "《条例》第三十条"),
    _row("other_unpaid_fee", ResultGroup.OTHER,
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "国办函〔2020〕109号"),
    _row("other", ResultGroup.OTHER, "3.其他", ""),
)

ROW_OF: dict[Result, ResultRow] = {row.result: row for row in RESULT_ROWS}
# Table 三 has 22 rows under 三、本年度办理结果: these 21 results and （七）总计.
assert len(RESULT_ROWS) == len(Result) == 21

# 2019 trial format (国办公开办函〔2019〕60号): （六）其他处理 is one row.
TRIAL_2019_OTHER_LABEL = "（六）其他处理"


class ReplyType(StrEnum):
    """《条例》第三十六条: the seven kinds of reply."""

    ALREADY_PUBLIC = "36.1"
    DISCLOSE = "36.2"
    REFUSE = "36.3"
    NOT_EXIST = "36.4"
    NOT_RESPONSIBLE = "36.5"
    REPEAT = "36.6"
    SPECIAL_LAW = "36.7"


REPLY_TYPE_LABELS = {
    ReplyType.ALREADY_PUBLIC: "已主动公开，告知获取方式和途径",
    ReplyType.DISCLOSE: "可以公开，向申请人提供或告知获取方式、途径和时间",
    ReplyType.REFUSE: "决定不予公开，告知申请人并说明理由",
    ReplyType.NOT_EXIST: "经检索没有所申请公开信息，告知申请人该政府信息不存在",
    ReplyType.NOT_RESPONSIBLE: "不属于本机关负责公开，告知申请人并说明理由；能确定负责机关的，告知其名称、联系方式",
    ReplyType.REPEAT: "已就申请人提出的政府信息公开申请作出答复、申请人重复申请，告知不予重复处理",
    ReplyType.SPECIAL_LAW: "所申请信息属于工商、不动产登记资料等，有关法律、行政法规另有规定的，告知依照有关规定办理",
}

# Which reply types a result may be given with (common practice where the format is silent).
REPLY_TYPES: dict[Result, frozenset[ReplyType]] = {
    Result.DISCLOSED: frozenset({ReplyType.ALREADY_PUBLIC, ReplyType.DISCLOSE}),
    Result.PARTIAL: frozenset({ReplyType.DISCLOSE, ReplyType.REFUSE}),
    Result.UNABLE_NOT_HELD: frozenset({ReplyType.NOT_EXIST, ReplyType.NOT_RESPONSIBLE}),
    Result.NOT_PROCESSED_REPEAT: frozenset({ReplyType.REPEAT}),
    Result.WITHHELD_ADMIN_QUERY: frozenset({ReplyType.SPECIAL_LAW, ReplyType.REFUSE}),
    Result.OTHER: frozenset(ReplyType),
}
for _result in Result:
    REPLY_TYPES.setdefault(_result, frozenset({ReplyType.REFUSE}) if _result.startswith("withheld") else frozenset())
