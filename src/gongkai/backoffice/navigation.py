"""The back office's navigation: each entry shows only to those who may open it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import is_staff_member
from gongkai.backoffice.access import SUPERUSER, may_open

# (url name, label, the action that opens the page; None for every staff member)
NAV = [
    ("backoffice:workbench", _("我的工作台"), None),
    ("backoffice:agency_list", _("机构"), "agency.view"),
    ("backoffice:catalog_items", _("主动公开"), "item.view"),
    ("backoffice:case_list", _("依申请公开"), "case.view"),
    ("backoffice:engagement_messages", _("互动与工作记录"), "engagement.view"),
    ("backoffice:reports", _("年度报告"), "report.view"),
    ("backoffice:dashboard", _("统计图表"), "dashboard.view"),
    ("backoffice:inspection", _("网站检查"), "inspection.view"),
    ("backoffice:sites", _("网站集群"), "site.view"),
    ("backoffice:column_texts", _("栏目文字"), "portal.edit"),
    ("backoffice:outbox", _("待发消息"), "outbox.manage"),
    ("backoffice:api_tokens", _("接口令牌"), "agency.manage"),
    ("backoffice:calendar_years", _("工作日历"), SUPERUSER),
]


def visible_entries(user, path: str = "") -> list[tuple[str, str, bool]]:
    """(url, label, is the current section) for each entry the user may open."""
    if not is_staff_member(user):
        return []
    workbench = reverse("backoffice:workbench")
    entries = []
    for name, label, action in NAV:
        # The rule the sections' views apply: a granting role anywhere opens the section.
        if action is None or may_open(user, action):
            url = reverse(name)
            current = path == url or (url != workbench and path.startswith(url))
            entries.append((url, label, current))
    return entries


def staff_navigation(request):
    """Context processor: ``staff_nav`` for backoffice/base.html, computed only when a template asks."""
    user = getattr(request, "user", None)
    return {"staff_nav": lambda: visible_entries(user, request.path) if user is not None else []}
