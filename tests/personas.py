"""The standard cast for permission tests: a government G with departments A and B and a town T.

Personas: anonymous, editor of A, editor of B, reviewer of A, publisher of G (the 公开办), supervisor of G,
administrator of G, case handler of A, case approver of A, and a platform superuser.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
from gongkai.agencies.services import create_agency, grant_role
from gongkai.core.actors import System
from gongkai.demo.codes import demo_org_code, demo_uscc


@dataclass
class Personas:
    government: Agency
    dept_a: Agency
    dept_b: Agency
    town: Agency
    users: dict

    def __getitem__(self, name):
        return self.users[name]


ROLES = {
    "editor_a": ("dept_a", "editor"),
    "editor_b": ("dept_b", "editor"),
    "reviewer_a": ("dept_a", "reviewer"),
    "secrecy_a": ("dept_a", "secrecy_reviewer"),
    "publisher": ("government", "publisher"),
    "supervisor": ("government", "supervisor"),
    "admin": ("government", "admin"),
    "handler_a": ("dept_a", "case_handler"),
    "approver_a": ("dept_a", "case_approver"),
}


def build_personas() -> Personas:
    gov = create_agency(actor=System, kind=AgencyKind.GOVERNMENT, level=AgencyLevel.COUNTY, code="gov",
                        name="测试区人民政府", short_name="测试区", uscc=demo_uscc(901))
    agencies = {
        "government": gov,
        "dept_a": create_agency(actor=System, parent=gov, kind=AgencyKind.DEPARTMENT, level=AgencyLevel.COUNTY,
                                code="dept-a", name="测试区财政局", org_code=demo_org_code(902)),
        "dept_b": create_agency(actor=System, parent=gov, kind=AgencyKind.DEPARTMENT, level=AgencyLevel.COUNTY,
                                code="dept-b", name="测试区教育局", org_code=demo_org_code(903)),
        "town": create_agency(actor=System, parent=gov, kind=AgencyKind.TOWNSHIP, level=AgencyLevel.TOWNSHIP,
                              code="town", name="测试区某某镇人民政府", org_code=demo_org_code(904)),
    }
    User = get_user_model()
    users = {"anonymous": None}
    for name, (agency_key, role) in ROLES.items():
        user = User.objects.create_user(username=name, password="pw-" + name)
        grant_role(actor=System, user=user, agency=agencies[agency_key], role=role)
        users[name] = user
    users["superuser"] = User.objects.create_superuser("root", password="pw-root")
    return Personas(gov, agencies["dept_a"], agencies["dept_b"], agencies["town"], users)
