"""Demo: 汇编 editions, the 公开清单 with its obligations, and a few items in the review workflow for the demo
accounts (one with an ID number that blocks publication). Written through the catalog services."""

import datetime as dt

from gongkai.agencies.models import Agency
from gongkai.catalog import services
from gongkai.catalog.models import Item
from gongkai.core.actors import System
from gongkai.core.time import local_today
from gongkai.demo import catalog_2017 as seed
from gongkai.demo.clock import SET_UP, on

DEMO_ID_NUMBER = "500110198803154312"  # fictitious, valid GB 11643 check digit


def load_compilations(district: Agency, item_ids: list[int]) -> int:
    items = sorted(Item.objects.filter(pk__in=item_ids), key=lambda i: (i.published_on, i.pk))
    per = seed.COMPILATION_DOCS // seed.COMPILATION_EDITIONS
    total = 0
    for n in range(seed.COMPILATION_EDITIONS):
        chunk = items[n * per:(n + 1) * per]
        issued_on = max(dt.date(seed.YEAR, 2 * (n + 1), 25), max(i.published_on for i in chunk) + dt.timedelta(days=3))
        issued_on = min(issued_on, dt.date(seed.YEAR, 12, 31))
        with on(issued_on):
            compilation = services.create_compilation(
                actor=System, agency=district, title=seed.COMPILATION_TITLE, year=seed.YEAR, edition=n + 1,
                issued_on=issued_on, items=chunk, copies=seed.COMPILATION_COPIES[n],
            )
            copies = seed.COMPILATION_COPIES[n]
            services.record_compilation_distribution(actor=System, compilation=compilation, copies=copies * 6 // 10,
                                                     distributed_to="各镇街、区图书馆")
            services.record_compilation_distribution(actor=System, compilation=compilation,
                                                     copies=copies - copies * 6 // 10,
                                                     distributed_to="政务服务中心等服务群众窗口单位")
        total += copies
    return total


def load_matters(district: Agency) -> None:
    finance = Agency.objects.get(code="wsjkq-czj")
    stats = Agency.objects.get(code="wsjkq-tjj")
    with on(SET_UP):
        budget = _create_matters(district, finance, stats)
    today = local_today()
    with on(dt.date(2017, 2, 10)):
        on_time = services.record_matter_trigger(actor=System, matter=budget, label="2017年部门预算批准",
                                                 triggered_on=dt.date(2017, 2, 10))
    budget_item = Item.objects.filter(agency=finance, title__contains="2017年部门预算").first()
    if budget_item:
        with on(budget_item.published_at):
            services.fulfil_obligation(actor=System, obligation=on_time, item=budget_item)
    services.record_matter_trigger(actor=System, matter=budget, label=f"{today.year}年部门预算批准",
                                   triggered_on=today - dt.timedelta(days=45))


def _create_matters(district: Agency, finance: Agency, stats: Agency):
    budget = services.create_matter(
        actor=System, agency=finance, title="部门预算公开", content="经批准的部门预算及报表、“三公”经费预算",
        basis="《中华人民共和国预算法》第十四条：批准后二十日内公开", responsible_unit="预算科",
        periodicity="event", limit_days=20, limit_in_working_days=False,
    )
    services.create_matter(
        actor=System, agency=finance, title="部门决算公开", content="经批复的部门决算及报表",
        basis="《中华人民共和国预算法》第十四条：批复后二十日内公开", responsible_unit="预算科",
        periodicity="event", limit_days=20, limit_in_working_days=False,
    )
    services.create_matter(
        actor=System, agency=stats, title="月度主要经济指标发布", content="规模以上工业、固定资产投资、社会消费品零售总额",
        basis="《政府信息公开条例》第二十条第（四）项", responsible_unit="综合科", periodicity="monthly",
        limit_days=15, limit_in_working_days=True,
    )
    services.create_matter(
        actor=System, agency=district, title="规范性文件及解读", content="管委会及其办公室制发的行政规范性文件和政策解读",
        basis="《政府信息公开条例》第二十条第（一）项、第二十六条", responsible_unit="党政办公室",
        periodicity="event", limit_days=20, limit_in_working_days=True,
    )
    return budget


def load_workflow_items(User) -> None:
    finance = Agency.objects.get(code="wsjkq-czj")
    editor = User.objects.filter(username="demo-editor").first()
    reviewer = User.objects.filter(username="demo-reviewer").first()
    secrecy = User.objects.filter(username="demo-secrecy").first()
    if not (editor and reviewer and secrecy):
        return
    today = local_today()
    services.create_item(
        actor=editor, agency=finance, title=f"万盛经开区财政局关于做好{today.year + 1}年部门预算编制工作的通知",
        summary="部署下一年度部门预算编制。", body="<p>各预算单位：请于规定时间内报送预算草案。</p>",
        written_on=today - dt.timedelta(days=3), category="gongwen", genre="tongzhi", topic="0401",
    )
    submitted = services.create_item(
        actor=editor, agency=finance, title=f"{today.year}年上半年万盛经开区财政收支情况",
        summary="上半年一般公共预算收支执行情况。", body="<p>上半年全区一般公共预算收入完成预算的52%。</p>",
        written_on=today - dt.timedelta(days=10), category="caizheng", topic="0401", statutory_item="art20-07",
    )
    services.submit_item(actor=editor, item=submitted)
    blocked = services.create_item(
        actor=editor, agency=finance, title="关于发放耕地地力保护补贴的公示",
        summary="公示补贴发放对象和金额。",
        body=f"<p>经审核，以下农户符合补贴条件：张某某，身份证号 {DEMO_ID_NUMBER}，补贴金额 1,260.00 元。</p>",
        written_on=today - dt.timedelta(days=5), category="caizheng", focus="caizhengzijin", topic="06",
    )
    services.submit_item(actor=editor, item=blocked)
    services.review_item(actor=reviewer, item=blocked, comment="同意")
    services.secrecy_review_item(actor=secrecy, item=blocked)
    services.create_item(
        actor=editor, agency=finance, title="万盛经开区财政局关于政府采购意向公开的通知",
        body="<p>按照要求公开政府采购意向。</p>", written_on=today - dt.timedelta(days=60), category="gongwen",
    )
