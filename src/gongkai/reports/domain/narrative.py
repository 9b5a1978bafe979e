"""Drafts of the narrative sections, written from the report's own figures, for the office to edit
before publishing (条例 art. 50; 2021 format sections 一, 五, 六; the six parts of a 2008-era report).

``figures`` is the flat mapping key -> number of ``snapshot.flat_figures``: the tables' totals and the
counted work (items by channel, mailbox, responses, archive visits, trainings, fees).
"""

from decimal import Decimal

from gongkai.reports.domain.forms import ReportForm


def _n(figures: dict, key: str) -> str:
    value = figures.get(key)
    if value is None:
        return "__"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _channels(figures: dict, labels: dict[str, str]) -> str:
    parts = [f"{label}{_n(figures, 'channel_' + key)}条" for key, label in labels.items()
             if figures.get("channel_" + key)]
    return "；按发布渠道：" + "、".join(parts) if parts else ""


def _engagement(figures: dict) -> list[str]:
    sentences = []
    if figures.get("mailbox_received"):
        rate = figures.get("satisfaction_rate")
        sentences.append(
            f"受理、办结公开电话（信箱）来件{_n(figures, 'mailbox_received')}件"
            + (f"，群众满意率{_n(figures, 'satisfaction_rate')}%" if rate is not None else "")
            + "。"
        )
    if any(figures.get(k) for k in ("concern_responses", "press_conferences", "online_interviews")):
        sentences.append(
            f"全年回应公众关注热点或重大舆情{_n(figures, 'concern_responses')}次，举办新闻发布会"
            f"{_n(figures, 'press_conferences')}次，开展在线访谈{_n(figures, 'online_interviews')}次。"
        )
    if figures.get("trainings"):
        sentences.append(f"组织政府信息公开业务培训{_n(figures, 'trainings')}次。")
    return sentences


def draft_national(figures: dict, *, year: int, agency: str, channel_labels: dict[str, str]) -> dict[str, str]:
    overview = [
        f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息"
        f"{_n(figures, 'items_published')}条{_channels(figures, channel_labels)}。",
        f"本年制发行政规范性文件{_n(figures, 't2.normative_issued')}件，现行有效行政规范性文件"
        f"{_n(figures, 't2.normative_in_force')}件。",
        f"本年新收政府信息公开申请{_n(figures, 't3.new')}件，上年结转政府信息公开申请{_n(figures, 't3.carried_in')}件，"
        f"本年度办结{_n(figures, 't3.results_total')}件，结转下年度继续办理{_n(figures, 't3.carried_out')}件。",
        f"因政府信息公开引起行政复议{_n(figures, 't4.reconsideration')}件、行政诉讼{_n(figures, 't4.suits')}件。",
        *_engagement(figures),
    ]
    problems = (
        f"本年度结转下年度继续办理的政府信息公开申请{_n(figures, 't3.carried_out')}件。"
        "（请公开办据实填写本年度存在的主要问题、上年度问题的整改情况和改进措施。）"
    )
    fee_amount = figures.get("fees_collected") or Decimal("0")
    other = (
        f"（一）按照《政府信息公开信息处理费管理办法》收取信息处理费情况：本年度发出收费通知"
        f"{_n(figures, 'fee_notices')}件，收取信息处理费{_n(figures, 'fees_collected')}元"
        + ("。" if fee_amount else "，未收取信息处理费。")
        + "\n（二）落实上级年度政务公开工作要点情况：（请填写）"
        "\n（三）人大代表建议和政协提案办理结果公开情况：（请填写）"
        "\n（四）年度政务公开工作创新情况：（请填写）"
    )
    return {"overview": "\n".join(overview), "problems": problems, "other": other}


def draft_legacy(figures: dict, *, year: int, agency: str, channel_labels: dict[str, str]) -> dict[str, str]:
    overview = [
        f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》。"
        + (f"全区从事信息公开工作人员{_n(figures, 'disclosure_staff')}名。" if figures.get("disclosure_staff") else ""),
        *_engagement(figures),
    ]
    new_media = (figures.get("channel_weibo") or 0) + (figures.get("channel_weixin") or 0)
    proactive = [
        f"{year}年，主动公开政府信息{_n(figures, 'items_published')}条，主动公开规范性文件"
        f"{_n(figures, 'normative_issued')}个{_channels(figures, channel_labels)}。",
    ]
    if new_media:
        proactive.append(f"政务微博和微信公开政府信息{new_media}条。")
    if figures.get("channel_upper_portal"):
        proactive.append(f"向上级政府门户网站报送公开信息{_n(figures, 'channel_upper_portal')}条。")
    if figures.get("archive_visitors") or figures.get("archive_pages_copied"):
        proactive.append(
            f"档案馆接待查档者{_n(figures, 'archive_visitors')}人次，复制档案{_n(figures, 'archive_pages_copied')}页。"
        )
    received, pending = figures.get("applications_received") or 0, figures.get("applications_pending") or 0
    requests = (
        f"{year}年，受理依申请公开{received}件，办结{_n(figures, 'applications_concluded')}件"
        + ("，现已全部办结。" if received and not pending else f"，尚未办结{pending}件。")
    )
    if figures.get("suggestions_and_complaints"):
        requests += f"办理建言献策和投诉信件{_n(figures, 'suggestions_and_complaints')}件。"
    fees = (
        f"{year}年，收取政府信息公开费用{_n(figures, 'fees_collected')}元。"
        if figures.get("fees_collected")
        else f"{year}年，在为公民、法人或其他组织提供政府信息时，未进行收费。"
    )
    reconsiderations, suits = figures.get("reconsiderations") or 0, figures.get("lawsuits") or 0
    where = "、".join(f"{name}{n}件" for name, n in figures.get("appeal_agencies") or [])
    appeals = (
        f"{year}年，发生因政府信息公开申请行政复议{reconsiderations}件、提起行政诉讼{suits}件"
        + (f"（{where}）。" if where else "。")
        if reconsiderations or suits
        else f"{year}年，未发生因政府信息公开申请行政复议和提起行政诉讼的情况。"
    )
    problems = "（请公开办据实填写存在的主要问题和改进措施。）"
    return {"overview": "\n".join(p for p in overview if p), "proactive": "".join(proactive), "requests": requests,
            "fees": fees, "appeals": appeals, "problems": problems}


def draft(form: ReportForm, figures: dict, *, year: int, agency: str, channel_labels: dict[str, str]) -> dict:
    if form == ReportForm.LEGACY:
        return draft_legacy(figures, year=year, agency=agency, channel_labels=channel_labels)
    return draft_national(figures, year=year, agency=agency, channel_labels=channel_labels)
