"""Demo annual reports of 万盛经开区: the 2017 report in the 2008 six-part form and the 2024 report in the
2021 national format, each rolled up over the district and all its departments and towns and computed from
the records the other demo steps loaded. Idempotent: a year already reported is left alone.

The 2024 table-二 cells that are not platform records (licensing, penalty and enforcement decisions, fee
income) are entered as declared figures with their source, as staff would, and are marked so in the staff
view. The narrative of part 六 of 2017 (problems and measures) is the office's own words from the seed.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency
from gongkai.demo.district_2017 import DISTRICT
from gongkai.reports import services
from gongkai.reports.domain.forms import ReportForm, default_form
from gongkai.reports.models import AnnualReport, DeclaredFigure

PUBLISHER = "demo-publisher"
DEMO_SOURCE = "演示数据：区政务服务管理办公室年度统计"
DECLARED_2024 = {
    "第二十条第（五）项|行政许可|本年处理决定数量": Decimal("1532"),
    "第二十条第（六）项|行政处罚|本年处理决定数量": Decimal("418"),
    "第二十条第（六）项|行政强制|本年处理决定数量": Decimal("23"),
    "第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）": Decimal("86.42"),
}
PROBLEMS_2017 = (
    "一年来，我区按照上级要求认真推进全区政务公开工作落实，但离上级要求和人民群众对信息公开的期盼，还存在一定问题和差距，"
    "主要表现为：一是部分单位工作重视程度不够，公开意识有待进一步强化；二是平台和载体利用不够；三是信息发布不够规范，"
    "存在审核不严的情况；四是专职人员少、队伍不稳定、业务素质参差不齐。\n"
    "2018年，我区将重点开展以下工作：一是形成合力；二是完善清单；三是用好网络；四是抓好载体；五是加强培训，"
    "对全区从事信息公开工作的工作人员开展业务培训2次以上。"
)


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


def _report(district: Agency, year: int, publisher, *, narrative=None) -> str:
    if AnnualReport.objects.filter(agency=district, year=year).exists():
        return f"{year}年度已存在"
    if not _records_loaded(district, year):
        return f"{year}年度跳过（主动公开、依申请公开或互动记录尚未载入）"
    report = services.generate_report(actor=publisher, agency=district, year=year, scope_codes=["*"])
    if narrative:
        text = narrative(report) if callable(narrative) else narrative
        report = services.update_narrative(actor=publisher, report=report, narrative=text)
    if services.blocking_findings(report):
        return f"{year}年度已生成草稿（勾稽关系不成立，未发布）"
    services.publish_report(actor=publisher, report=report)
    return f"{year}年度已发布（{report.get_form_display()}）"


def load_step() -> str:
    district = Agency.objects.get(code=DISTRICT["code"])
    publisher = get_user_model().objects.get(username=PUBLISHER)
    done = [_report(district, 2017, publisher, narrative={"problems": PROBLEMS_2017})]
    for cell, value in DECLARED_2024.items():
        if not DeclaredFigure.objects.filter(agency=district, year=2024, cell=cell).exists():
            services.declare_figure(actor=publisher, agency=district, year=2024, cell=cell, value=value,
                                    source=DEMO_SOURCE)
    done.append(_report(district, 2024, publisher, narrative=_demo_text))
    return "；".join(done)
