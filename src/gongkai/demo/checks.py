"""Deployment check: no demo account reaches production (``gongkai check --deploy``)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Error
from django.db import DatabaseError
from django.db.models import Q

from gongkai.demo.district_2017 import DEMO_ACCOUNTS, DEMO_PASSWORD

DEMO_USERNAMES = {"admin", *(username for username, *_ in DEMO_ACCOUNTS)}
FOUND_ENOUGH = 3


def _names(users, limit: int = 5) -> str:
    names = [u.get_username() for u in users[:limit]]
    return "、".join(names) + ("……" if len(users) > limit else "")


def demo_accounts_check(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
    User = get_user_model()
    try:
        active = User.objects.filter(is_active=True)
        # Hashing is slow on purpose: only superusers and the accounts the demo makes by name are tried, and
        # the check stops at the first few found (the accounts of demo agencies are caught by E102).
        candidates = active.filter(Q(username__in=DEMO_USERNAMES) | Q(is_superuser=True)).order_by(
            "-is_superuser", "username")
        with_password = []
        for user in candidates:
            if check_password(DEMO_PASSWORD, user.password):   # no re-hash: a check writes nothing
                with_password.append(user)
                if len(with_password) == FOUND_ENOUGH:
                    break
        in_demo_agencies = list(active.filter(memberships__agency__is_demo=True).distinct().order_by("username"))
    except DatabaseError:   # no database yet (before the first migrate): nothing to check
        return []
    errors = []
    if with_password:
        errors.append(Error(
            f"账号仍使用公开的演示密码：{_names(with_password)}"
            + ("等" if len(with_password) == FOUND_ENOUGH else ""),
            hint="停用或删除演示账号，或用 gongkai changepassword 修改其密码；生产环境不要运行 gongkai demo load。",
            id="gongkai.E101",
        ))
    if in_demo_agencies:
        errors.append(Error(
            f"{len(in_demo_agencies)} 个启用的账号属于演示机构：{_names(in_demo_agencies)}",
            hint="生产数据库不应含演示数据：停用这些账号，或使用不含演示数据的数据库。",
            id="gongkai.E102",
        ))
    return errors
