"""Demo annual reports of 万盛经开区: the 2017 report in the 2008 six-part form and the 2024 report in the
2021 national format, each rolled up over the district and all its departments and towns and computed from
the records the other demo steps loaded. Idempotent: a year already reported is left alone.

The 2024 table-二 cells that are not platform records (licensing, penalty and enforcement decisions, fee
income) are entered as declared figures with their source, as staff would, and are marked so in the staff
view. The narrative of part 六 of 2017 (problems and measures) is the office's own words from the seed.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency
from gongkai.demo.clock import on
from gongkai.demo.district_2017 import DISTRICT
from gongkai.reports import services
from gongkai.reports.domain.forms import ReportForm, default_form
from gongkai.reports.models import AnnualReport, DeclaredFigure, ReportParticular
from gongkai.sites.selectors import site_figures, site_of_agency, sites_integrated_in

PUBLISHER = "demo-publisher"
DEMO_SOURCE = "演示数据：区政务服务管理办公室年度统计"
DECLARED_2024 = {
    "第二十条第（五）项|行政许可|本年处理决定数量": Decimal("1532"),
    "第二十条第（六）项|行政处罚|本年处理决定数量": Decimal("418"),
    "第二十条第（六）项|行政强制|本年处理决定数量": Decimal("23"),
    "第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）": Decimal("86.42"),
}
# 六 of the 2017 report: the office's own words (problems of the year and the plans for 2018), as published.
PROBLEMS_2017 = "\n".join((
    "一年来，我区按照上级要求认真推进全区政务公开工作落实，取得了新的成绩和进步，但离上级要求和人民群众对信息公开的期盼，还存在一定问题和差距，主要表现为：一是部分单位工作重视程度不够，公开意识有待进一步强化；二是平台和载体利用不够，信息公开存在“玻璃门”现象；三是信息发布不够规范，存在审核不严的情况；四是专职人员少、队伍不稳定、业务素质参差不齐。",
    "2018年，我区将以习近平新时代中国特色社会主义思想为引领，深入贯彻落实党的十九大精神，坚持问题导向、目标导向和需求导向，对标对表上级要求，进一步突出工作重点，着力在加强统筹、调研指导、督促检查上加大工作力度，努力推进政务公开工作不断取得新成效。重点开展以下工作：",
    "一是形成合力。落实“兴调研、转作风、促落实”要求，深入镇街和部门对开展信息公开工作进行调研，掌握工作情况，听取意见建议，安排指导工作推进，增强镇街和部门对信息公开工作的重视，树立公开意识，形成推进全区信息公开工作的合力。",
    "二是完善清单。坚持以公开为常态、不公开为例外，对全区各镇街和部门的“两清单一指南”实施动态管理，群众关注度高、依申请公开比例高的事项，经确认后及时调整纳入公开清单，不宜公开的事项及时纳入负面清单；加强发布审查力度，确保信息权威、及时、准确。",
    "三是用好网络。持续深化推进李克强总理“最多只跑一次”的要求，加快接入全市一体化“互联网+政务服务”平台建设，实现村（社区）全接入，最大限度为公众提供政府信息服务；按照《重庆市政府网站管理办法》要求，对全区政务网站实行整合，将行政审批类事项全部并入万盛经开区网上行政审批大厅，将公开类信息通过政府门户网站统一发布，做大做强政府门户网站，实现门户网站具备信息发布、解读回应、办事服务、互动交流的功能，使之成为全区信息公开的权威、快捷、便民的政府信息归集和发布的中枢平台。",
    "四是抓好载体。拓宽政务公开方式和渠道，不断提升公众参与水平。在大力推进政务微博、微信、移动客户端等新媒体应用，利用其快速便捷高效的特点发布各类信息的同时，利用好镇街村、社区张贴栏、宣传栏等群众喜闻乐见的、接地气的信息平台，做好信息发布。",
    "五是加强培训。采取集中培训与分散培训、上门指导与及时沟通相结合的方式，对全区从事信息公开工作的工作人员开展业务培训2次以上，不断提升业务素质，推进工作开展。",
))

# What the 2017 report states of the site cluster: the portal's site statistics (万盛网's content system) and
# the unit sites integrated that year. They are the site cluster's records (demo/load_sites.py: the portal's
# 2017 SiteFigure rows and the sites' integration dates), which the office declares for the report with that
# source, so the report (一（三）) and the portal's 2017 政府网站工作年度报表 state the same figures; the report
# states them rounded: 7000余条, 1200余张, 65万人次.
SITE_FIGURE_CELLS = {   # SiteFigure key -> the report's declared cell
    "edited_items": "legacy|site_items_edited",
    "pictures": "legacy|site_pictures",
    "page_views": "legacy|site_page_views",
}
SITE_SOURCE = "演示数据：万盛网内容管理系统2017年度统计（网站集群 万盛网 2017年度数据）"
PARTICULARS_2017 = {
    "leader": "党工委委员、管委会常务副主任胡俊同志",
    "portal_name": "万盛网",
}


PROBLEMS_2024 = (
    "一是部分单位政策解读形式较为单一，图解、视频解读占比不高；二是个别镇街政务公开专栏更新不够及时；"
    "三是依申请公开答复文书的说理还需加强。\n"
    "下一步，我区将丰富解读形式，建立专栏更新提醒机制，组织答复文书评查，持续提升政务公开质量。"
)
OTHER_2024 = (
    "（二）落实上级年度政务公开工作要点情况：按照年度政务公开工作要点，逐项分解任务、明确责任单位并按季度调度。",
    "（三）人大代表建议和政协提案办理结果公开情况：办理结果在征得代表、委员同意后在门户网站公开。",
    "（四）年度政务公开工作创新情况：推行政务公开专区“一站式”查阅服务。",
)


def _demo_text(report) -> dict:
    """The office's own words for the parts the records cannot write (demo prose, no figures)."""
    fee_line = report.narrative.get("other", "").split("\n")[0]
    return {"problems": PROBLEMS_2024, "other": "\n".join((fee_line, *OTHER_2024))}


def _records_loaded(district: Agency, year: int) -> bool:
    """A published report never changes, so the demo publishes only once the other areas' demo records of the
    year are in (steps run in order; this guards a partial load)."""
    scope = services.resolve_scope(district, ["*"])
    snapshot = services.compute_snapshot(agency=district, scope=scope, year=year,
                                         form=ReportForm(default_form(year)))
    figures = {f["key"]: f["value"] for f in snapshot["figures"]}
    return bool(snapshot["facts"]["applications"] and figures.get("items_published")
                and figures.get("mailbox_received"))


# The days the office signed the demo reports: within the statutory window after the year (2008 条例 art. 31:
# by 31 March; 2019 条例 art. 49: by 31 January).
SIGNED_ON = {2017: dt.date(2018, 3, 15), 2024: dt.date(2025, 1, 20)}
# The office entered the figures no record holds some days before it drafted the report.
ENTERED_ON = {2017: dt.date(2018, 3, 1), 2024: dt.date(2025, 1, 10)}


def _report(district: Agency, year: int, publisher, *, narrative=None) -> str:
    if AnnualReport.objects.filter(agency=district, year=year).exists():
        return f"{year}年度已存在"
    if not _records_loaded(district, year):
        return f"{year}年度跳过（主动公开、依申请公开或互动记录尚未载入）"
    with on(SIGNED_ON[year], 9):
        report = services.generate_report(actor=publisher, agency=district, year=year, scope_codes=["*"])
        if narrative:
            text = narrative(report) if callable(narrative) else narrative
            report = services.update_narrative(actor=publisher, report=report, narrative=text)
    if services.blocking_findings(report):
        return f"{year}年度已生成草稿（勾稽关系不成立，未发布）"
    with on(SIGNED_ON[year], 16):
        services.publish_report(actor=publisher, report=report, signed_on=SIGNED_ON[year])
    return f"{year}年度已发布（{report.get_form_display()}）"


def site_figures_2017(district) -> dict[str, Decimal]:
    """The report's declared site cells for 2017, read from the site cluster's records."""
    portal = site_of_agency(district)
    figures = site_figures(portal, 2017) if portal else {}
    cells = {cell: figures[key].value for key, cell in SITE_FIGURE_CELLS.items() if key in figures}
    cells["legacy|new_unit_sites"] = Decimal(sites_integrated_in(district, 2017, exclude=portal))
    return cells


def load_step() -> str:
    district = Agency.objects.get(code=DISTRICT["code"])
    publisher = get_user_model().objects.get(username=PUBLISHER)
    with on(ENTERED_ON[2017]):
        for cell, value in site_figures_2017(district).items():
            if not DeclaredFigure.objects.filter(agency=district, year=2017, cell=cell).exists():
                services.declare_figure(actor=publisher, agency=district, year=2017, cell=cell, value=value,
                                        source=SITE_SOURCE)
        for key, text in PARTICULARS_2017.items():
            if not ReportParticular.objects.filter(agency=district, year=2017, key=key).exists():
                services.set_particular(actor=publisher, agency=district, year=2017, key=key, text=text)
    done = [_report(district, 2017, publisher, narrative={"problems": PROBLEMS_2017})]
    with on(ENTERED_ON[2024]):
        for cell, value in DECLARED_2024.items():
            if not DeclaredFigure.objects.filter(agency=district, year=2024, cell=cell).exists():
                services.declare_figure(actor=publisher, agency=district, year=2024, cell=cell, value=value,
                                        source=DEMO_SOURCE)
    done.append(_report(district, 2024, publisher, narrative=_demo_text))
    return "；".join(done)
