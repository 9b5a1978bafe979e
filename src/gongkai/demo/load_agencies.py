from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
from gongkai.agencies.services import create_agency, create_staff_user, grant_role
from gongkai.core.actors import System
from gongkai.demo import district_2017 as seed
from gongkai.demo.clock import SET_UP, on
from gongkai.demo.codes import demo_org_code, demo_uscc


def load_district() -> Agency:
    existing = Agency.objects.filter(code=seed.DISTRICT["code"]).first()
    if existing:
        return existing
    district = create_agency(
        actor=System, kind=AgencyKind.GOVERNMENT, level=AgencyLevel.COUNTY, uscc=demo_uscc(1),
        is_demo=True, reason="演示数据", **seed.DISTRICT,
    )
    n = 2
    for group, kind in ((seed.DEPARTMENTS, AgencyKind.DEPARTMENT), (seed.TOWNS, AgencyKind.TOWNSHIP),
                        (seed.STREETS, AgencyKind.TOWNSHIP)):
        for order, (code, name, short) in enumerate(group, start=1):
            level = AgencyLevel.COUNTY if kind == AgencyKind.DEPARTMENT else AgencyLevel.TOWNSHIP
            create_agency(
                actor=System, parent=district, kind=kind, level=level, code=f"wsjkq-{code}", name=name,
                short_name=short, uscc=demo_uscc(n), org_code=demo_org_code(n), sort_order=n,
                office_name=f"{short}政府信息公开工作机构", office_address="重庆市万盛经开区",
                office_postcode="400800", is_demo=True, reason="演示数据",
                # Every unit's site is on the district's site cluster (一（三）: 43个部门网站整合上线).
                website=f"{seed.DISTRICT['website']}/{code}/",
                publishes_own_report=kind == AgencyKind.DEPARTMENT or order <= 10,
            )
            n += 1
    return district


def load_accounts() -> list[tuple[str, str, str, str]]:
    User = get_user_model()
    rows = []
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", password=seed.DEMO_PASSWORD, first_name="平台管理员")
    rows.append(("admin", seed.DEMO_PASSWORD, "平台管理员（超级用户）", "全部"))
    for username, display, agency_code, role in seed.DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first() or create_staff_user(
            actor=System, username=username, password=seed.DEMO_PASSWORD, full_name=display
        )
        agency = Agency.objects.get(code=agency_code)
        grant_role(actor=System, user=user, agency=agency, role=role, reason="演示账号")
        rows.append((username, seed.DEMO_PASSWORD, display, agency.short_name or agency.name))
    return rows


def load_step() -> str:
    with on(SET_UP):
        district = load_district()
        load_accounts()
    return f"{district.short_name} 及下属 {district.children.count()} 个部门和镇街，{len(seed.DEMO_ACCOUNTS) + 1} 个演示账号"
