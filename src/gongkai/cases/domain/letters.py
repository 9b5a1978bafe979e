"""Built-in wording of the 告知书 and the placeholders a disclosure office may use in its own templates.

The remedy notice ({救济途径}) comes from the rule table of ``cases.domain.remedies`` (law in force on the
decision date, result row); {您} is "您" for a natural person and "贵单位" for others. Text typed by people (the
request, reasons) is inserted so that no doubled punctuation ("。。", "。，") results.
"""

import datetime as dt
import re

PLACEHOLDERS = {
    "机关": "作出告知的机关名称",
    "申请人": "申请人姓名或名称",
    "您": "对申请人的称呼：自然人为“您”，法人或其他组织为“贵单位”",
    "查询码": "申请查询码",
    "收到日期": "收到申请之日",
    "申请内容": "所需信息的内容描述",
    "补正事项": "需要补正的事项",
    "补正期限": "补正期限（工作日）",
    "延长天数": "延长的工作日数",
    "延期理由": "延期理由",
    "答复期限": "答复期限届满日",
    "征求对象": "征求意见的对象",
    "收费金额": "应缴金额（元）",
    "计费明细": "计费明细",
    "缴费期限": "缴费期限",
    "缴费方式": "执收单位、缴费方式、非税缴款码等（机关设置的缴费方式）",
    "办理结果": "办理结果",
    "理由": "理由",
    "法律依据": "法律依据",
    "不予公开部分": "不予公开的部分",
    "不予公开理由": "不予公开的理由",
    "索引号": "已主动公开信息的索引号",
    "负责机关": "负责公开的机关及联系方式",
    "转办机关": "转办至的机关",
    "复议机关": "行政复议机关",
    "救济途径": "行政复议、行政诉讼告知",
    "日期": "出具日期",
}

_OPEN = "{申请人}：\n\n本机关于{收到日期}收到{您}提出的政府信息公开申请（查询码：{查询码}），申请获取：{申请内容}。\n\n"

DEFAULTS: dict[tuple[str, str], tuple[str, str]] = {
    ("receipt", ""): ("政府信息公开申请登记回执", "{申请人}：\n\n{您}提交的政府信息公开申请已登记，查询码为 {查询码}。"
                      "请凭查询码在本机关政府信息公开栏目查询办理进度。\n\n{救济途径}"),
    ("acceptance", ""): ("政府信息公开申请受理通知书", _OPEN + "经审查，{您}的申请符合《中华人民共和国政府信息公开条例》"
                         "第二十九条的规定，本机关已予受理，将于{答复期限}前作出答复。\n\n{救济途径}"),
    ("correction", ""): ("政府信息公开申请补正告知书", _OPEN + "经审查，{您}的申请内容不明确。根据《中华人民共和国政府信息公开条例》"
                         "第三十条的规定，请在收到本告知书之日起{补正期限}个工作日内对以下事项作出补正：\n{补正事项}\n\n"
                         "答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n\n{救济途径}"),
    ("extension", ""): ("政府信息公开申请延期答复告知书", _OPEN + "因{延期理由}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》"
                        "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{延长天数}个工作日，"
                        "将于{答复期限}前作出答复。\n\n{救济途径}"),
    ("consultation", ""): ("政府信息公开征求意见函", "{征求对象}：\n\n本机关收到政府信息公开申请（查询码：{查询码}），申请获取：{申请内容}。"
                           "该信息的公开可能涉及贵方，根据《中华人民共和国政府信息公开条例》第三十二条、第三十四条的规定，"
                           "请于收到本函之日起15个工作日内提出意见。逾期未提出意见的，由本机关依照条例规定决定是否公开。"),
    ("delay", ""): ("政府信息公开申请延迟答复告知书", _OPEN + "{理由}\n根据《中华人民共和国政府信息公开条例》第三十五条的规定，"
                    "本机关确定延迟至{答复期限}前作出答复。\n\n{救济途径}"),
    ("fee", ""): ("政府信息公开信息处理费收费通知书", _OPEN + "根据{法律依据}，本机关决定对{您}的申请收取信息处理费，"
                  "计费明细如下：\n{计费明细}\n合计应缴 {收费金额} 元。\n\n请于{缴费期限}前（自收到本通知次日起20个工作日内）"
                  "按以下方式缴纳：\n{缴费方式}\n逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。\n\n{救济途径}"),
    ("decision", ""): ("政府信息公开申请答复书", _OPEN + "经审查，办理结果为：{办理结果}。\n{理由}\n\n法律依据：{法律依据}。\n\n{救济途径}"),
    ("decision", "partial"): ("政府信息公开申请答复书（部分公开）", _OPEN + "经审查，{您}申请的信息中含有不应当公开的内容，"
                              "但能够作区分处理。根据{法律依据}的规定，本机关向{您}提供可以公开的部分：\n{理由}\n\n"
                              "不予公开的部分：{不予公开部分}\n不予公开的理由：{不予公开理由}\n\n{救济途径}"),
    ("decision", "disclosed"): ("政府信息公开申请答复书（予以公开）", _OPEN + "经审查，{您}申请的信息属于可以公开的政府信息。"
                                "{理由}\n{索引号}\n\n法律依据：{法律依据}。\n\n{救济途径}"),
    ("decision", "unable_not_held"): ("政府信息公开申请答复书（无法提供）", _OPEN + "经检索，{理由}\n{负责机关}\n\n"
                                      "法律依据：{法律依据}。\n\n{救济途径}"),
    ("withdrawal", ""): ("撤回政府信息公开申请确认书", _OPEN + "{您}已于{日期}撤回该申请，本机关终止处理。{理由}\n\n{救济途径}"),
    ("abandonment", ""): ("政府信息公开申请终止处理告知书", _OPEN + "{理由}根据{法律依据}的规定，视为{您}放弃申请，"
                          "本机关不再处理该政府信息公开申请。\n\n{救济途径}"),
    ("transfer", ""): ("政府信息公开申请转办告知书", _OPEN + "经审查，该信息由{转办机关}负责公开，本机关已将{您}的申请转{转办机关}办理。"
                       "理由：{理由}\n\n{救济途径}"),
}

_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,12})\}")


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def default_template(kind: str, result: str = "") -> tuple[str, str]:
    return DEFAULTS.get((kind, result)) or DEFAULTS[(kind, "")]


ADDRESS = {True: "您", False: "贵单位"}
# Punctuation that ends or joins a clause; a value ending in one of these before a template's own is trimmed.
_CLAUSE_END = "。．.，,；;、：:！!？?"
_DOUBLED = re.compile(r"[。！？；，、：][。．.，,；;、]+")
_SENTENCE_END = "。！？"


def _one_mark(match: re.Match) -> str:
    """A run of marks becomes one: the sentence end if the run has one ("，。" → "。"), else the first."""
    run = match.group(0)
    return next((mark for mark in run if mark in _SENTENCE_END), run[0])


def cn_date(day: dt.date | None) -> str:
    """Dates in letters as written in official documents: 2024年3月4日."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each known placeholder. A value is trimmed of its closing punctuation where the template goes on
    with punctuation of its own, so "申请获取：{申请内容}。" never reads "。。"."""

    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        filled = str(values.get(name, "")).strip()
        following = text[match.end():match.end() + 1]
        if following and following in _CLAUSE_END:
            filled = filled.rstrip(_CLAUSE_END + " \t")
        return filled

    filled = _PLACEHOLDER.sub(value, text).replace("您（单位）", values.get("您", "您（单位）"))
    return _DOUBLED.sub(_one_mark, filled)
