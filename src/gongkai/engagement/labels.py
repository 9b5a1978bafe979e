"""Translatable labels of the engagement area's events (the mailbox and the year's records)."""

from django.utils.translation import gettext_lazy as _

from gongkai.engagement.domain.mailbox import Category, Channel, Rating, Status
from gongkai.engagement.domain.records import ArchiveKind, OutreachKind

# Choices of the records' fields (the models and the forms of every interface read them from here).
CHANNEL_CHOICES = [(Channel.WEB.value, _("网上信箱")), (Channel.PHONE.value, _("公开电话")),
                   (Channel.LETTER.value, _("来信"))]
CATEGORY_CHOICES = [
    (Category.CONSULT.value, _("咨询")), (Category.SUGGESTION.value, _("建议")),
    (Category.COMPLAINT.value, _("投诉")), (Category.REPORT.value, _("举报")),
    (Category.MISDIRECTED.value, _("政府信息公开申请（误投）")),
]
STATUS_CHOICES = [
    (Status.RECEIVED.value, _("待受理")), (Status.ACCEPTED.value, _("办理中")),
    (Status.REPLIED.value, _("已答复")), (Status.DECLINED.value, _("不予受理")),
    (Status.CONVERTED.value, _("已转为政府信息公开申请")),
]
RATING_CHOICES = [(Rating.SATISFIED.value, _("满意")), (Rating.BASICALLY.value, _("基本满意")),
                  (Rating.DISSATISFIED.value, _("不满意"))]
# What a rating form offers: no choice is made for the person rating. A form that arrives pre-set to 满意 is
# submitted as 满意 by everyone who only wants to leave, and 群众满意率 then measures that, not satisfaction.
RATING_FORM_CHOICES = [("", _("请选择")), *RATING_CHOICES]
OUTREACH_CHOICES = [
    (OutreachKind.CONCERN_RESPONSE.value, _("回应关切")),
    (OutreachKind.PRESS_CONFERENCE.value, _("新闻发布会")),
    (OutreachKind.ONLINE_INTERVIEW.value, _("在线访谈")),
    (OutreachKind.NORMATIVE_INTERPRETATION.value, _("规范性文件解读")),
    (OutreachKind.OTHER_INTERPRETATION.value, _("其他政策解读")),
]
ARCHIVE_CHOICES = [
    (ArchiveKind.APPRAISAL.value, _("档案鉴定")), (ArchiveKind.READING.value, _("查阅接待")),
    (ArchiveKind.COPYING.value, _("档案复制")), (ArchiveKind.DELIVERY.value, _("送交档案馆、图书馆")),
]

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
