"""The seed's site cluster (2017 report 一（三）): the district portal 万盛网 and the sites of its departments
and towns — "完成全区网站集群建设，今年新增建设4家单位网站整合上线，实现43个部门网站整合上线" — each with a
made-up but well-formed identity, and the portal's 2017 figures as records.

43 integrated sites: one 部门网站 for each of the 42 departments, towns and streets, and the 文化旅游局's
专项网站 万盛旅游网; four of them (the last integrated) went online in 2017. Domains are subdomains of the
portal's ws.cq.gov.cn (the seed's address); 网站标识码 use Chongqing's province code 50.
"""

import datetime as dt
from decimal import Decimal

from gongkai.agencies.models import Agency
from gongkai.core.actors import System
from gongkai.demo import district_2017 as seed
from gongkai.demo.clock import on
from gongkai.sites.models import Site
from gongkai.sites.services import create_site, set_site_figure

PORTAL_DOMAIN = "ws.cq.gov.cn"
OPERATOR = "万盛经开区电子政务管理办公室"   # the seed: 政府信息公开办公室 挂管委会电子政务管理办公室牌子
ICP = "渝ICP备05003217号"
CONAC_IMAGE = "/static/sites/conac.svg"
NEW_IN_2017 = ("ybj", "zwfw", "tyj", "lvyou")
# The portal's 2017 figures (the seed's 一（三）); the 2017 annual report declares them from these records
# (demo/load_reports.py site_figures_2017) and rounds them to 7000余条, 1200余张, 65万人次.
FIGURES_2017 = {"edited_items": Decimal("7046"), "pictures": Decimal("1213"), "page_views": Decimal("651327")}
FIGURE_NOTE = "演示数据：万盛网内容管理系统2017年度统计（2017年政府信息公开工作年度报告 一（三））"


def _identity(n: int, *, name: str, sponsor: str, site_type: str, theme_name: str = "") -> dict:
    return {
        "name": name, "site_type": site_type, "site_code": f"50011{n:05d}", "sponsor": sponsor,
        "operator": OPERATOR, "icp_record": f"{ICP}-{n}", "police_record": f"渝公网安备 5001100250{n:04d}号",
        "conac_image": CONAC_IMAGE, "conac_link": f"https://bszs.conac.cn/sitename?method=show&id=DEMO{n:04d}",
        "contact_address": seed.DISTRICT["office_address"], "contact_phone": seed.DISTRICT["office_phone"],
        "contact_email": "wsgk@ws.cq.gov.cn", "theme_name": theme_name, "theme_colour": "#a61b1b",
    }


def load_step() -> str:
    district = Agency.objects.get(code=seed.DISTRICT["code"])
    if Site.objects.filter(agency=district).exists():
        return f"已有 {Site.objects.count()} 个网站"
    # Each site's events are dated the day it went online; the 2017 figures when the office entered them.
    with on(dt.date(2016, 6, 30)):
        portal = create_site(
            actor=System, agency=district, domains=[PORTAL_DOMAIN, f"www.{PORTAL_DOMAIN}"],
            integrated_on=dt.date(2016, 6, 30),
            **_identity(1, name="万盛网", sponsor="万盛经开区党政办公室", site_type="portal", theme_name="万盛网"))
    units = [code for group in (seed.DEPARTMENTS, seed.TOWNS, seed.STREETS) for code, _name, _short in group]
    n = 2
    for code in units:
        agency = Agency.objects.get(code=f"wsjkq-{code}")
        online = dt.date(2017, 9, 30) if code in NEW_IN_2017 else dt.date(2016, 12, 31)
        with on(online):
            create_site(actor=System, agency=agency, domains=[f"{code}.{PORTAL_DOMAIN}"], integrated_on=online,
                        **_identity(n, name=f"{agency.name}网站", sponsor=agency.name, site_type="department"))
        n += 1
    tourism = Agency.objects.get(code="wsjkq-wlj")
    with on(dt.date(2017, 9, 30)):
        create_site(actor=System, agency=tourism, domains=[f"lvyou.{PORTAL_DOMAIN}"], integrated_on=dt.date(2017, 9, 30),
                    **_identity(n, name="万盛旅游网", sponsor=tourism.name, site_type="special", theme_name="万盛旅游网"))
    with on(dt.date(2018, 1, 15)):
        for key, value in FIGURES_2017.items():
            set_site_figure(actor=System, site=portal, year=2017, key=key, value=value, note=FIGURE_NOTE)
    integrated = Site.objects.exclude(pk=portal.pk).count()
    new = Site.objects.filter(integrated_on__year=2017).count()
    return f"门户网站万盛网及 {integrated} 个整合上线的网站（2017年新增 {new} 个）"
