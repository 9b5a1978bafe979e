"""Sites for the tests: the government's portal and a department's site, with well-formed identities."""

from gongkai.core.actors import System
from gongkai.sites import routing
from gongkai.sites.services import create_site

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"

PORTAL = {
    "name": "测试区政府网", "site_type": "portal", "site_code": "5001100001", "sponsor": "测试区人民政府办公室",
    "operator": "测试区大数据中心", "icp_record": "渝ICP备05001234号-1", "police_record": "渝公网安备 50011002500001号",
    "conac_image": "/static/sites/conac.svg", "conac_link": "https://bszs.conac.cn/sitename?method=show&id=1",
    "contact_address": "重庆市测试区新田路2号", "contact_phone": "023-85276112", "contact_email": "gk@example.gov.cn",
    "theme_name": "测试区政府网", "theme_colour": "#a61b1b",
}


def make_sites(personas):
    portal = create_site(actor=System, agency=personas.government, domains=["www.test.gov.cn", "test.gov.cn"],
                         **PORTAL)
    dept = create_site(actor=System, agency=personas.dept_a, domains=["czj.test.gov.cn"], **{
        **PORTAL, "name": "测试区财政局网站", "site_type": "department", "site_code": "5001100002",
        "sponsor": "测试区财政局", "operator": "", "theme_name": ""})
    routing.forget()
    return portal, dept
