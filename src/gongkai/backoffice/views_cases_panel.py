"""The workbench panel of 依申请公开: my cases, due within 3 and 5 working days, overdue, waiting."""

from django.utils.translation import gettext as _

from gongkai.agencies.policy import agencies_where
from gongkai.cases.selectors import workbench_groups

GROUP_LABELS = (
    ("overdue", "已逾期"),
    ("due3", "3个工作日内到期"),
    ("due5", "5个工作日内到期"),
    ("mine", "我承办的"),
    ("unconfirmed", "待确认收到"),
    ("correction", "等待补正"),
    ("payment", "等待缴费"),
    ("consultation", "等待征求意见"),
)


def cases_panel(user):
    if not agencies_where(user, "case.view").exists():
        return None
    groups = workbench_groups(user)
    return {"groups": [(key, _(label), groups[key]) for key, label in GROUP_LABELS]}
