"""Translatable labels of the engagement area's events (the mailbox and the year's records)."""

from django.utils.translation import gettext_lazy as _

NO_PAYLOAD = _("无附加数据")
COUNT = _("导入的模型、条数")

# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary
EVENT_ACTIONS = {
    "message.received": (_("收到来信"), _("是否为政府信息公开申请")),
    "message.accepted": (_("受理来信"), NO_PAYLOAD),
    "message.assigned": (_("交办来信"), NO_PAYLOAD),
    "message.replied": (_("答复来信"), NO_PAYLOAD),
    "message.declined": (_("不予受理来信"), NO_PAYLOAD),
    "message.converted": (_("转为政府信息公开申请"), NO_PAYLOAD),
    "message.screening_overridden": (_("确认来信审查发现无需处理"), _("审查发现")),
    "message.published": (_("公开来信及答复"), NO_PAYLOAD),
    "message.unpublished": (_("取消公开来信"), NO_PAYLOAD),
    "message.rated": (_("来信人评价"), NO_PAYLOAD),
    "message.overdue": (_("来信逾期未办结"), NO_PAYLOAD),
    "message.deadline_recomputed": (_("重新计算来信办理期限"), NO_PAYLOAD),
    "message.imported": (_("批量导入来信"), _("条数")),
    "outreach.recorded": (_("登记宣传活动"), NO_PAYLOAD),
    "outreach.imported": (_("批量导入宣传活动"), COUNT),
    "archive.recorded": (_("登记档案工作"), NO_PAYLOAD),
    "archive.imported": (_("批量导入档案工作"), COUNT),
    "training.recorded": (_("登记培训"), NO_PAYLOAD),
    "training.imported": (_("批量导入培训"), COUNT),
    "staffing.reported": (_("报送工作人员情况"), NO_PAYLOAD),
    "staffing.imported": (_("批量导入工作人员情况"), COUNT),
    "periodical.created": (_("新建刊物"), NO_PAYLOAD),
    "periodical.issue_recorded": (_("登记刊物期次"), NO_PAYLOAD),
    "issue.imported": (_("批量导入刊物期次"), COUNT),
}
