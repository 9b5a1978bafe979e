"""The remedy notice (救济途径) of a letter, by the law in force on the decision date and the result row.

《中华人民共和国行政复议法》 was revised on 2023-09-01 (主席令第9号) and the revision is in force from
2024-01-01. Since then art. 23 ¶1 (四) makes 行政复议 a precondition where "申请政府信息公开，行政机关不予公开":
the applicant must first apply for 行政复议 and may sue only after its decision, and art. 23 ¶2 obliges the organ
to say so when it acts. 国办函〔2021〕132号 art. 2 (一) reads 不予公开 as including 部分不予公开, hence the
withheld part of a 部分公开 answer takes the precondition too. Other answers: 行政复议 within 60 days
(2023 law art. 20 ¶1; before 2024: art. 9 ¶1 of the law as amended in 2017) or 行政诉讼 within 6 months
(《行政诉讼法》 art. 46 ¶1).

The 复议机关 under the 2023 law (arts. 24–27): a department of a county-level or higher government → 本级人民政府
(art. 24 ¶1 (一)); a government → 上一级人民政府 (art. 24 ¶1 (二)); a 街道办事处 or other 派出机关 → the government
that set it up (art. 24 ¶1 (三)); vertical systems (海关、金融、外汇管理、税务、国家安全) → their 上一级主管部门
(art. 27), which the deployment names per agency (a setting). Before 2024 the letters keep the old text.

Verified: art. 23 (number and wording of ¶1 (四) and ¶2) and the content of art. 24 ¶1 in stored reprints of the
2023 text; the 1999/2017 art. 9 and art. 12 in reprints of the old text. The numbers of arts. 20, 24 and 27 of
the 2023 text follow the issue; compare with the official text before a release.

UNCONFIRMED: whether 无法提供 and 不予处理 answers count as 不予公开 for art. 23 ¶1 (四). Each group is a setting
that defaults to 复议或诉讼 (``RemedySettings``).

Procedural letters (回执、受理、补正、延期、延迟) state no remedy: 国办函〔2021〕132号 art. 3 (一) refuses a
reconsideration of 补正、延期 and other procedural steps on their own, so telling the applicant it is open misleads.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai.cases.domain.results import ROW_OF, Result, ResultGroup

LAW_2023_IN_FORCE = dt.date(2024, 1, 1)


class ReviewLaw(StrEnum):
    LAW_2017 = "2017"   # 1999 law as amended 2009 and 2017, in force until 2023-12-31
    LAW_2023 = "2023"   # revised 2023-09-01, in force from 2024-01-01


class Route(StrEnum):
    PRECONDITION = "precondition"   # 复议前置
    CHOICE = "choice"               # 复议或诉讼
    PARTIAL = "partial"             # the withheld part 复议前置, the rest 复议或诉讼
    NONE = "none"                   # no remedy stated


ROUTE_LABELS = {
    Route.PRECONDITION: "先申请行政复议，对复议决定不服再提起行政诉讼（复议前置）",
    Route.CHOICE: "申请行政复议或者提起行政诉讼",
    Route.PARTIAL: "不予公开的部分复议前置，其他部分复议或诉讼",
    Route.NONE: "不单独告知救济途径",
}

CHOICE_SETTING_VALUES = {"choice": Route.CHOICE, "precondition": Route.PRECONDITION}

REVIEW_2023 = "《中华人民共和国行政复议法》"
ART_20 = "《中华人民共和国行政复议法》第二十条第一款"
ART_23 = "《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款"
OLD_ART_9 = "《中华人民共和国行政复议法》（2017年修正）第九条第一款"
SUIT_46 = "《中华人民共和国行政诉讼法》第四十六条第一款"


def law_in_force(on: dt.date) -> ReviewLaw:
    return ReviewLaw.LAW_2023 if on >= LAW_2023_IN_FORCE else ReviewLaw.LAW_2017


@dataclass(frozen=True)
class RemedySettings:
    unable: Route = Route.CHOICE          # （四）无法提供, UNCONFIRMED
    not_processed: Route = Route.CHOICE   # （五）不予处理, UNCONFIRMED


@dataclass(frozen=True)
class Rule:
    route: Route
    basis: str


# 2023 law, by result group (the rows of table 三). UNABLE and NOT_PROCESSED come from the settings.
RULES_2023: dict[ResultGroup, Rule] = {
    ResultGroup.DISCLOSED: Rule(Route.CHOICE, f"{ART_20}；{SUIT_46}"),
    ResultGroup.PARTIAL: Rule(Route.PARTIAL, f"{ART_23}；{ART_20}；{SUIT_46}"),
    ResultGroup.WITHHELD: Rule(Route.PRECONDITION, f"{ART_23}；{ART_20}"),
    ResultGroup.OTHER: Rule(Route.CHOICE, f"{ART_20}；{SUIT_46}"),
}
RULE_2017 = Rule(Route.CHOICE, f"{OLD_ART_9}；{SUIT_46}")

# Letters other than the 答复书: their own rule, whatever the law.
PROCEDURAL_BASIS = "国办函〔2021〕132号第三条第（一）项（补正、延期等程序性处理行为不单独申请行政复议）"
KIND_ROUTES = {
    "receipt": Route.NONE, "acceptance": Route.NONE, "correction": Route.NONE, "extension": Route.NONE,
    "delay": Route.NONE, "consultation": Route.NONE, "withdrawal": Route.NONE,
    "fee": Route.CHOICE, "abandonment": Route.CHOICE, "transfer": Route.CHOICE,
}
# How a letter names itself in the sentence: (本答复, 本答复书).
NOUNS = {"decision": ("本答复", "本答复书"), "fee": ("本通知", "本通知书")}
DEFAULT_NOUN = ("本告知", "本告知书")


def rule_for(*, on: dt.date, kind: str, result: Result | None, settings: RemedySettings) -> Rule:
    """The table lookup: law in force on ``on``, then the letter kind, then the result row."""
    if kind != "decision":
        route = KIND_ROUTES.get(kind, Route.CHOICE)
        if route == Route.NONE:
            return Rule(Route.NONE, PROCEDURAL_BASIS if kind not in {"consultation", "withdrawal"} else "")
        return RULE_2017 if law_in_force(on) == ReviewLaw.LAW_2017 else RULES_2023[ResultGroup.OTHER]
    if law_in_force(on) == ReviewLaw.LAW_2017:
        return RULE_2017
    group = ROW_OF[result].group if result is not None else ResultGroup.OTHER
    if group == ResultGroup.UNABLE:
        return _setting_rule(settings.unable)
    if group == ResultGroup.NOT_PROCESSED:
        return _setting_rule(settings.not_processed)
    return RULES_2023[group]


def _setting_rule(route: Route) -> Rule:
    basis = f"{ART_23}；{ART_20}" if route == Route.PRECONDITION else f"{ART_20}；{SUIT_46}"
    return Rule(route, basis + "（适用范围待确认，按设置）")


@dataclass(frozen=True)
class Remedy:
    law: ReviewLaw
    route: Route
    text: str      # the sentence for the letter or page; "" when no remedy is stated
    basis: str
    body: str      # the 复议机关 named


def _clauses(law: ReviewLaw, body: str, document: str) -> tuple[str, str]:
    """(复议或诉讼, 复议前置) as clauses, for a letter that calls itself ``document``."""
    choice = (f"可以自收到{document}之日起六十日内向{body}申请行政复议，"
              f"{'也可以' if law == ReviewLaw.LAW_2023 else '或者'}自收到{document}之日起六个月内依法向人民法院提起行政诉讼")
    first = (f"应当先自收到{document}之日起六十日内向{body}申请行政复议，"
             "对行政复议决定不服的，可以再依法向人民法院提起行政诉讼")
    return choice, first


def _sentences(route: Route, law: ReviewLaw, body: str, noun: tuple[str, str]) -> str:
    short, document = noun
    choice, first = _clauses(law, body, document)
    if route == Route.CHOICE:
        return f"如对{short}不服，{choice}。"
    if route == Route.PRECONDITION:
        return f"如对{short}不服，{first}。"
    if route == Route.PARTIAL:
        return f"对{short}中不予公开的部分不服的，{first}；对{short}的其他内容不服的，{choice}。"
    return ""


def remedy(*, on: dt.date, kind: str, result: Result | None, body: str, settings: RemedySettings) -> Remedy:
    rule = rule_for(on=on, kind=kind, result=result, settings=settings)
    law = law_in_force(on)
    text = _sentences(rule.route, law, body, NOUNS.get(kind, DEFAULT_NOUN))
    return Remedy(law, rule.route, text, rule.basis, body)


class BodyKind(StrEnum):
    """How the 2023 law names the 复议机关 of an organ (arts. 24, 27)."""

    GOVERNMENT = "government"       # a people's government: the government one level up (art. 24 ¶1 (二))
    SUBORDINATE = "subordinate"     # a department, 派出机关 or authorised body: 本级人民政府 (art. 24 ¶1 (一)(三)(四))


def review_body(*, on: dt.date, kind: BodyKind, government_above: str, parent_name: str, override: str = "") -> str:
    """The 复议机关 to name. ``government_above`` is the nearest people's government above the organ (its own
    government for a department, the next level up for a government); ``override`` the deployment's name for a
    vertical system (art. 27: 上一级主管部门)."""
    if law_in_force(on) == ReviewLaw.LAW_2017:
        # The old letters named the organ's parent, else the government one level up; they keep doing so.
        return parent_name or "上一级人民政府"
    if override:
        return override
    if government_above:
        return government_above
    return "上一级人民政府" if kind == BodyKind.GOVERNMENT else "本级人民政府"


@dataclass(frozen=True)
class GuideLine:
    answers: str   # which answers the line is about
    text: str
    basis: str


def guide_lines(*, on: dt.date, body: str, settings: RemedySettings) -> list[GuideLine]:
    """The public guide's 救济途径, built from the same table and the same clauses as the letters."""
    law = law_in_force(on)
    choice, first = _clauses(law, body, "答复书")
    if law == ReviewLaw.LAW_2017:
        return [GuideLine("对本机关作出的政府信息公开答复不服的", f"对本机关作出的政府信息公开答复不服的，{choice}。",
                          RULE_2017.basis)]
    answers = ["不予公开（含部分公开中不予公开的部分）"]
    if settings.unable == Route.PRECONDITION:
        answers.append("无法提供")
    if settings.not_processed == Route.PRECONDITION:
        answers.append("不予处理")
    label = "、".join(answers)
    return [
        GuideLine(label, f"对{label}的答复不服的，{first}。", f"{ART_23}；{ART_20}"),
        GuideLine("其他答复", f"对其他答复不服的，{choice}。", f"{ART_20}；{SUIT_46}"),
    ]
