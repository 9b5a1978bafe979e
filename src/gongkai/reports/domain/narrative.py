"""Drafts of the narrative sections, written from the report's own figures, for the office to edit
before publishing (条例 art. 50; 2021 format sections 一, 五, 六; the six parts of a 2008-era report).

``figures`` is the flat mapping key -> number of ``snapshot.flat_figures``: the tables' totals and the
counted work (items by channel, mailbox, responses, archive visits, trainings, fees).
"""

from decimal import Decimal

from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.legacy_records import approximate


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


def _any(f: dict, *keys: str) -> bool:
    return any(f.get(k) for k in keys)


def _national_proactive(f: dict, p: dict, *, year: int, labels: dict[str, str]) -> str:
    portal = p.get("portal_name") or "门户网站"
    text = f"（一）主动公开。{year}年，主动公开政府信息{_n(f, 'items_published')}条{_channels(f, labels)}"
    if f.get("own_portal_items") and f.get("own_portal_items") != f.get("items_published"):
        text += f"；其中{portal}主动公开政府信息{_n(f, 'own_portal_items')}条"
    text += "。"
    focus = [(label, key, unit) for key, label, unit in (
        ("focus_caizhengzijin", "财政资金信息", "条"), ("focus_yujuesuan", "部门预决算信息", "条"),
        ("focus_zhaotoubiao", "招投标信息", "条"), ("focus_quanli", "权力清单", "条"),
        ("focus_gongwen", "主动公开公文", "件"), ("focus_guowuyuan", "转发国务院公文", "条"),
        ("focus_shizhengfu", "市政府公开文件", "件")) if f.get(key)]
    if focus:
        text += "公开重点领域信息：" + "、".join(f"{label}{_n(f, key)}{unit}" for label, key, unit in focus) + "。"
    text += (f"本年制发行政规范性文件{_n(f, 't2.normative_issued')}件，现行有效行政规范性文件"
             f"{_n(f, 't2.normative_in_force')}件。")
    responses = [text_ for key, text_ in (
        ("concern_responses", f"回应公众关注热点或重大舆情{_n(f, 'concern_responses')}次"),
        ("press_conferences", f"举办新闻发布会{_n(f, 'press_conferences')}次"),
        ("online_interviews", f"开展在线访谈{_n(f, 'online_interviews')}次"),
        ("interpretations_of_normative", f"对{_n(f, 'interpretations_of_normative')}件规范性文件进行了政策解读"),
        ("other_interpretations", f"发布其他类政策解读稿件{_n(f, 'other_interpretations')}件")) if f.get(key)]
    if responses:
        text += "全年" + "，".join(responses) + "。"
    return text


def _national_requests(f: dict, p: dict) -> str:
    topics = "、".join(p.get("application_subjects") or [])
    text = (f"（二）依申请公开。本年新收政府信息公开申请{_n(f, 't3.new')}件"
            + (f"，主要涉及{topics}等领域" if topics else "")
            + f"，上年结转政府信息公开申请{_n(f, 't3.carried_in')}件；本年度办结{_n(f, 't3.results_total')}件，"
            f"其中予以公开{_n(f, 't3.disclosed')}件、部分公开{_n(f, 't3.partial')}件、不予公开{_n(f, 't3.withheld')}件；"
            f"结转下年度继续办理{_n(f, 't3.carried_out')}件。")
    text += (f"因政府信息公开引起行政复议{_n(f, 't4.reconsideration')}件、行政诉讼{_n(f, 't4.suits')}件。")
    if f.get("suggestions_and_complaints"):
        text += f"办理建言献策和投诉信件{_n(f, 'suggestions_and_complaints')}件。"
    return text


def _national_management(f: dict, p: dict, *, year: int) -> str:
    text = ("（三）政府信息管理。落实公开前保密审查和发布审核，对规范性文件实行动态管理，"
            f"本年废止行政规范性文件{_n(f, 't2.normative_abolished')}件，现行有效行政规范性文件"
            f"{_n(f, 't2.normative_in_force')}件。")
    if f.get("compilation_editions"):
        title = p.get("compilation_title") or "政务文件汇编"
        text += (f"印制发行《{title}》{_n(f, 'compilation_editions')}期，公开各类文件{_n(f, 'compilation_documents')}件，"
                 f"免费赠阅{_approx(f, 'compilation_copies')}份。")
    if _any(f, "archive_items_appraised", "archive_visitors"):
        text += (f"档案部门鉴定清理档案{_n(f, 'archive_items_appraised')}件，接待查档者{_n(f, 'archive_visitors')}人次，"
                 f"复制档案{_n(f, 'archive_pages_copied')}页。")
    return text


def _national_platforms(f: dict, p: dict, *, whole: str) -> str:
    portal = p.get("portal_name") or "门户网站"
    parts = []
    if p.get("website"):
        parts.append(f"以{portal}（{p['website']}）为政府信息公开第一平台")
    if f.get("site_items_edited") is not None:
        parts.append(f"全年编辑、审核、上传{portal}各类信息{_approx(f, 'site_items_edited')}条")
    if f.get("unit_websites"):
        parts.append(f"{whole}{_n(f, 'unit_websites')}个部门网站整合上线")
    if f.get("new_media_items"):
        parts.append(f"政务微博和微信公开政府信息{_n(f, 'new_media_items')}条")
    if f.get("mailbox_received"):
        mailbox = f"公开电话（信箱）系统来件{_n(f, 'mailbox_received')}件"
        if f.get("mailbox_acceptance_rate") is not None:
            mailbox += (f"，受理率{_n(f, 'mailbox_acceptance_rate')}%、办结率{_n(f, 'mailbox_completion_rate')}%")
        if f.get("satisfaction_rate") is not None:
            mailbox += f"，群众满意率{_n(f, 'satisfaction_rate')}%"
        parts.append(mailbox)
    published = [(f"《{title}》", f.get(f"periodical:{title}")) for title in p.get("periodicals") or []]
    published = [(t, n) for t, n in published if n]
    if published:
        parts.append("编辑出版" + "、".join(f"{t}{n}期" for t, n in published))
    return "（四）政府信息公开平台建设。" + ("；".join(parts) + "。" if parts else "")


def _national_oversight(f: dict, p: dict, *, whole: str) -> str:
    sections = p.get("office_sections") or []
    text = "（五）监督保障。"
    if p.get("leader"):
        text += f"明确{p['leader']}分管{whole}政府信息公开工作；"
    if p.get("office_name"):
        text += f"{p['office_name']}负责统筹推进{whole}政府信息公开工作"
        text += f"，下设{'、'.join(sections)}{_n(f, 'office_sections')}个科室；" if sections else "；"
    if f.get("units"):
        text += f"{whole}{_n(f, 'units')}个部门（镇街）{_n(f, 'disclosure_staff')}名工作人员从事信息公开工作。"
    elif f.get("disclosure_staff"):
        text += f"{_n(f, 'disclosure_staff')}名工作人员从事信息公开工作。"
    if f.get("trainings"):
        text += (f"组织政府信息公开业务培训{_n(f, 'trainings')}次"
                 + (f"，参加培训{_n(f, 'training_participants')}人次" if f.get("training_participants") else "")
                 + "。")
    return text.rstrip("；") + ("" if text.endswith("。") else "。")


def draft_national(figures: dict, *, year: int, agency: str, channel_labels: dict[str, str],
                   particulars: dict | None = None) -> dict[str, str]:
    """一、五、六 of a national-form report (国办公开办函〔2021〕30号, also the 2019 trial form), every figure
    from ``figures``: 一 under the headings the format names (主动公开, 依申请公开, 政府信息管理, 平台建设,
    监督保障), with the same facts as a 2008-form report's part 一."""
    f, p = figures, particulars or {}
    place, whole = _agency_words(p, agency) if p else ("本机关", "本机关")
    guiding = "、".join(p.get("guiding_documents") or [])
    opening = (f"{year}年，{place}认真贯彻落实《中华人民共和国政府信息公开条例》"
               + (f"和{guiding}等有关文件" if guiding else "")
               + "，坚持以公开为常态、不公开为例外，扎实做好主动公开、依申请公开、政府信息管理、平台建设和监督保障各项工作。")
    overview = [
        opening,
        _national_proactive(f, p, year=year, labels=channel_labels),
        _national_requests(f, p),
        _national_management(f, p, year=year),
        _national_platforms(f, p, whole=whole),
        _national_oversight(f, p, whole=whole),
    ]
    problems = (
        f"本年度结转下年度继续办理的政府信息公开申请{_n(f, 't3.carried_out')}件"
        + (f"；因政府信息公开引起行政复议{_n(f, 't4.reconsideration')}件、行政诉讼{_n(f, 't4.suits')}件"
           if _any(f, "t4.reconsideration", "t4.suits") else "")
        + "。（请公开办据实填写本年度存在的主要问题、上年度问题的整改情况和改进措施。）"
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


def _approx(figures: dict, key: str) -> str:
    value = figures.get(key)
    return "__" if value is None else approximate(int(value))


def _agency_words(particulars: dict, agency: str) -> tuple[str, str]:
    """How the report names its own agency and its whole area: 我区/全区 for a district government."""
    if particulars.get("is_government", True):
        return "我区", "全区"
    return "我单位", "本单位"


def _local_name(name: str, short_name: str) -> str:
    """A unit's name as its own district's report says it (青年镇人民政府, not 万盛经开区青年镇人民政府)."""
    return name.removeprefix(short_name) if short_name and name != short_name else name


def legacy_preamble(particulars: dict, *, year: int, agency: str) -> str:
    office = particulars.get("office_name") or agency
    site = particulars.get("website")
    contacts = "，".join(part for part in (
        f"地址：{particulars['office_address']}" if particulars.get("office_address") else "",
        f"联系电话：{particulars['office_phone']}" if particulars.get("office_phone") else "",
        f"邮编：{particulars['office_postcode']}" if particulars.get("office_postcode") else "",
    ) if part)
    return (
        f"本年度工作报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由{office}编制。"
        "全文包括政务公开工作概述、主动公开政府信息情况、政府信息依申请公开情况、政府信息公开收费及减免情况、"
        "因政府信息公开申请行政复议和提起行政诉讼的情况、存在的主要问题和改进措施六个部分。"
        + (f"本年度工作报告的电子文本可在{particulars.get('short_name') or agency}政府门户网上下载（网址：{site}）。"
           if site else "")
        + f"如有疑问请与{office}联系" + (f"（{contacts}）。" if contacts else "。")
    )


def _legacy_overview(f: dict, p: dict, *, year: int, agency: str) -> list[str]:
    place, whole = _agency_words(p, agency)
    guiding = "、".join(p.get("guiding_documents") or [])
    opening = (
        f"{year}年，{place}紧紧围绕{whole}中心工作，坚持以民生需求为导向，"
        + (f"认真贯彻落实{guiding}等有关文件，" if guiding else "认真贯彻落实《中华人民共和国政府信息公开条例》，")
        + "加强组织领导，健全制度机制，全面加强主动公开，认真做好政策解读、回应关切，增强政务公开能力建设。"
    )
    sections = p.get("office_sections") or []
    organisation = "（一）加强组织领导。" + (f"明确{p['leader']}分管{whole}信息公开工作；" if p.get("leader") else "")
    if p.get("office_name"):
        organisation += f"组建{p['office_name']}"
        organisation += (f"，下设{_n(f, 'office_sections')}个科室：{'、'.join(sections)}，负责统筹和推进{whole}信息公开工作；"
                         if sections else "，负责统筹和推进信息公开工作；")
    if f.get("units"):
        organisation += (f"构建{whole}政务公开横向到部门、镇街，纵向到社区、村的工作架构，{whole}{_n(f, 'units')}个部门（镇街）"
                         f"{_n(f, 'disclosure_staff')}名工作人员从事信息公开工作。")
    else:
        organisation += f"{_n(f, 'disclosure_staff')}名工作人员从事信息公开工作。"
    lists = ("（二）推行清单管理。指导" + ("全区相关部门" if f.get("units") else "本单位")
             + "编制政务公开工作“两清单、两制度、一指南”，即：政务公开指南、公开清单、负面清单、保密审查和责任追究制度，"
               "实现政务公开工作的规范化管理和清单式管理。")
    portal = p.get("portal_name") or "门户网站"
    platform = ["（三）丰富载体平台。"]
    k = 0
    ordinals = "一二三四五六七八"

    def point(text: str) -> None:
        nonlocal k
        platform.append(f"{ordinals[k]}是{text}")
        k += 1

    if f.get("site_items_edited") is not None:
        point(f"抓好主阵地。全年编辑、审核、上传{portal}各类信息{_approx(f, 'site_items_edited')}条，"
              f"上传图片{_approx(f, 'site_pictures')}张，全年{portal}浏览量{_approx(f, 'site_page_views')}人次。")
    if f.get("unit_websites"):
        point("抓好大统筹。完成" + whole + "网站集群建设，"
              + (f"今年新增建设{_n(f, 'new_unit_sites')}家单位网站整合上线，" if f.get("new_unit_sites") else "")
              + f"实现{_n(f, 'unit_websites')}个部门网站整合上线。")
    if f.get("new_media_items"):
        point(f"抓好新媒体。{whole}政务微博和微信公开政府信息{_n(f, 'new_media_items')}条。")
    if f.get("channel_upper_portal"):
        point(f"抓好信息报送。向上级政府门户网站报送公开信息{_n(f, 'channel_upper_portal')}条。")
    if f.get("mailbox_received"):
        accepted, completed = f.get("mailbox_acceptance_rate"), f.get("mailbox_completion_rate")
        rates = (f"受理率、办结率均{_n(f, 'mailbox_acceptance_rate')}%" if accepted == completed
                 else f"受理率{_n(f, 'mailbox_acceptance_rate')}%、办结率{_n(f, 'mailbox_completion_rate')}%")
        point(f"抓好信箱办理。受理、办结公开电话（信箱）系统来件{_n(f, 'mailbox_received')}件，{rates}"
              + (f"，群众满意率{_n(f, 'satisfaction_rate')}%。" if f.get("satisfaction_rate") is not None else "。"))
    published = [(f"《{title}》", f.get(f"periodical:{title}")) for title in p.get("periodicals") or []]
    if f.get("compilation_editions"):
        published.append(("《政务文件汇编》", f.get("compilation_editions")))
    published = [(t, n) for t, n in published if n]
    if published:
        if len({n for _, n in published}) == 1:
            point(f"编辑出版{'和'.join(t for t, _ in published)}各{published[0][1]}期。")
        else:
            point("编辑出版" + "、".join(f"{t}{n}期" for t, n in published) + "。")
    paragraphs = [opening, organisation, lists]
    if len(platform) > 1:
        paragraphs.append("".join(platform))
    return paragraphs


def _legacy_proactive(f: dict, p: dict, *, year: int, agency: str) -> list[str]:
    place, whole = _agency_words(p, agency)
    portal = p.get("portal_name") or "门户网站"
    channels = "、".join(
        f"{label}{_n(f, key)}条" for key, label in (("channel_portal", "政府网站公开各类信息"),
                                                    ("channel_weibo", "政务微博公开政府信息"),
                                                    ("channel_weixin", "政务微信公开政府信息"))
        if f.get(key)
    )
    lead = (f"{year}年，{whole}主动公开政府信息{_approx(f, 'publications_all_channels')}条，主动公开规范性文件"
            f"{_n(f, 'normative_issued')}个。" + (f"{channels}。" if channels else ""))
    kinds = "、".join(p.get("own_portal_categories") or [])
    own = (f"（一）政府门户网站公开情况。{year}年，{portal}主动公开政府信息{_n(f, 'own_portal_items')}条"
           + (f"，重点为{kinds}信息。" if kinds else "。"))
    focus = [(label, key, unit) for key, label, unit in (
        ("focus_caizhengzijin", "公开财政资金信息", "条"), ("focus_zhaotoubiao", "招投标信息", "条"),
        ("focus_guifanxing", "规范性文件", "件"), ("focus_gongwen", "主动公开公文", "件"),
        ("focus_quanli", "权力清单", "条"), ("focus_guowuyuan", "转发国务院公文", "条"),
        ("focus_shizhengfu", "市政府公开文件", "件")) if f.get(key)]
    budgets = f.get("units") and (f.get("focus_yujuesuan") or 0) >= 2 * f["units"]
    key_areas = ("（二）重点领域信息公开情况。" + ("实现部门预决算全面公开，" if budgets else "")
                 + f"政府门户网站集群系统公开各类重点信息{_n(f, 'channel_portal')}条"
                 + ("，其中，" + "、".join(f"{label}{_n(f, key)}{unit}" for label, key, unit in focus) if focus else "")
                 + "。"
                 + (f"通过宣传栏公示重点项目进展情况{_n(f, 'channel_bulletin')}期。" if f.get("channel_bulletin") else ""))
    responses = (
        "（三）回应解读情况。切实关注舆论热点，增强回应解读，引导舆论导向，"
        f"全年回应公众关注热点或重大舆情{_n(f, 'concern_responses')}次，举办新闻发布会{_n(f, 'press_conferences')}次，"
        f"开展在线访谈{_n(f, 'online_interviews')}次，{_n(f, 'interpretations_of_normative')}件规范性文件进行了政策解读，"
        f"发布其他类政策解读稿件{_n(f, 'other_interpretations')}件。"
    )
    paragraphs = [lead, own, key_areas, responses]
    if f.get("compilation_editions"):
        title = p.get("compilation_title") or "政务文件汇编"
        recipients = "、".join(p.get("compilation_recipients") or [])
        paragraphs.append(
            f"（四）政务文件汇编情况。充分发挥政务文件汇编的标准文本作用，{year}年，共印制发行《{title}》"
            f"{_n(f, 'compilation_editions')}期，公开各类文件{_n(f, 'compilation_documents')}件。"
            + (f"及时投递到{recipients}等，方便群众及时查阅，" if recipients else "")
            + f"全年免费赠阅量{_approx(f, 'compilation_copies')}份。"
        )
    if f.get("archive_items_appraised") or f.get("archive_visitors"):
        number = "（五）" if f.get("compilation_editions") else "（四）"
        paragraphs.append(
            f"{number}档案公开情况。{year}年，{place}档案部门继续开展档案鉴定开发工作，累计鉴定清理"
            f"{_n(f, 'archive_items_appraised')}件，{_n(f, 'archive_volumes_appraised')}卷。"
            f"区档案馆接待查档者{_n(f, 'archive_visitors')}人次，复制档案{_n(f, 'archive_pages_copied')}页，"
            "方便了人民群众查阅利用档案资料。"
        )
    return paragraphs


def draft_legacy(figures: dict, *, year: int, agency: str, channel_labels: dict[str, str],
                 particulars: dict | None = None) -> dict[str, str]:
    """The six parts of a 2008-form report in the seed's structure, every figure from ``figures``."""
    p = particulars or {}
    f = figures
    place, _whole = _agency_words(p, agency)
    received, pending = f.get("applications_received") or 0, f.get("applications_pending") or 0
    topics = "、".join(p.get("application_subjects") or [])
    requests = (
        f"{year}年，{place}接受依申请公开{received}件"
        + (f"，主要涉及{topics}等领域" if topics else "")
        + ("，均按《条例》对依申请公开内容进行严格审查和回复，现已全部办结。" if received and not pending
           else f"，办结{_n(f, 'applications_concluded')}件，尚未办结{pending}件。")
    )
    if f.get("suggestions_and_complaints"):
        requests += f"办理建言献策和投诉信件{_n(f, 'suggestions_and_complaints')}件。"
    fees = (
        f"{year}年，收取政府信息公开费用{_n(f, 'fees_collected')}元。"
        if f.get("fees_collected")
        else f"{year}年，在为公民、法人或其他组织提供政府信息时，未进行收费。"
    )
    reconsiderations, suits = f.get("reconsiderations") or 0, f.get("lawsuits") or 0
    short = p.get("short_name") or ""
    where = "、".join(_local_name(name, short) for name, _n_appeals in f.get("appeal_agencies") or [])
    kinds = "、".join(part for part in (
        f"因政府信息公开申请行政复议{reconsiderations}件" if reconsiderations else "",
        f"提起行政诉讼{suits}件" if suits else "") if part)
    appeals = (f"{year}年，{where}发生{kinds}。" if where else f"{year}年，发生{kinds}。") if kinds else (
        f"{year}年，未发生因政府信息公开申请行政复议和提起行政诉讼的情况。")
    problems = "（请公开办据实填写存在的主要问题和改进措施。）"
    return {
        "preamble": legacy_preamble(p, year=year, agency=agency),
        "overview": "\n".join(_legacy_overview(f, p, year=year, agency=agency)),
        "proactive": "\n".join(_legacy_proactive(f, p, year=year, agency=agency)),
        "requests": requests, "fees": fees, "appeals": appeals, "problems": problems,
    }


def draft(form: ReportForm, figures: dict, *, year: int, agency: str, channel_labels: dict[str, str],
          particulars: dict | None = None) -> dict:
    if form == ReportForm.LEGACY:
        return draft_legacy(figures, year=year, agency=agency, channel_labels=channel_labels,
                            particulars=particulars)
    return draft_national(figures, year=year, agency=agency, channel_labels=channel_labels,
                          particulars=particulars)
