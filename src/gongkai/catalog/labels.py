"""Translatable labels of the catalog's domain codes (the domain keeps the Chinese labels as plain data; the
interfaces show these). Statutory labels (条例 art. 20 items, legal bases) stay exact Chinese everywhere."""

from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.disclosure import DisclosureMode, Scope, Validity
from gongkai.catalog.domain.facts import Channel
from gongkai.catalog.domain.screening import FindingKind
from gongkai.catalog.domain.states import Status

STATUS = {
    Status.DRAFT: _("草稿"), Status.SUBMITTED: _("待审核"), Status.REVIEWED: _("待保密审查"),
    Status.SECRECY_REVIEWED: _("待发布"), Status.SCHEDULED: _("定时发布"), Status.PUBLISHED: _("已发布"),
    Status.WITHDRAWN: _("已撤稿"),
}
CHANNEL = {
    Channel.PORTAL: _("门户网站"), Channel.WEIBO: _("政务微博"), Channel.WEIXIN: _("政务微信"),
    Channel.UPPER_PORTAL: _("报送上级门户"), Channel.COMPILATION: _("政务文件汇编"), Channel.BULLETIN: _("公开栏"),
}
FINDING = {
    FindingKind.NEGATIVE_LIST: _("负面清单事项"), FindingKind.SENSITIVE_WORD: _("错敏词"),
    FindingKind.ID_NUMBER: _("身份证号码"), FindingKind.MOBILE: _("手机号码"), FindingKind.BANK_CARD: _("银行卡号"),
}
DISCLOSURE_MODE = {
    DisclosureMode.PROACTIVE: _("主动公开"), DisclosureMode.ON_REQUEST: _("依申请公开"),
    DisclosureMode.WITHHELD: _("不予公开"),
}
SCOPE = {Scope.PUBLIC: _("面向全社会"), Scope.REGION: _("本行政区域"), Scope.PARTIES: _("特定对象")}
VALIDITY = {Validity.VALID: _("有效"), Validity.EXPIRED: _("失效"), Validity.ABOLISHED: _("废止")}


def choices(labels: dict) -> list[tuple[str, object]]:
    return [(code.value, label) for code, label in labels.items()]

NO_PAYLOAD = _("无附加数据")

# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary
EVENT_ACTIONS = {
    "item.created": (_("新建信息"), NO_PAYLOAD),
    "item.updated": (_("修改信息"), _("修订号")),
    "item.imported": (_("批量导入信息"), _("索引号、是否进入审核、发布渠道、审查发现")),
    "item.submitted": (_("提交审核"), NO_PAYLOAD),
    "item.reviewed": (_("审核通过"), NO_PAYLOAD),
    "item.secrecy_reviewed": (_("保密审查通过"), NO_PAYLOAD),
    "item.rejected": (_("退回修改"), NO_PAYLOAD),
    "item.scheduled": (_("定时发布"), NO_PAYLOAD),
    "item.unscheduled": (_("取消定时发布"), NO_PAYLOAD),
    "item.published": (_("发布"), NO_PAYLOAD),
    "item.withdrawn": (_("撤稿"), NO_PAYLOAD),
    "item.attachment_added": (_("添加附件"), _("附件编号、文件名、类型、大小、文字提取问题")),
    "item.attachment_removed": (_("删除附件"), _("附件编号、文件名")),
    "item.channels_added": (_("登记发布渠道"), _("渠道、发布日期")),
    "item.due_recomputed": (_("重新计算公开期限"), NO_PAYLOAD),
    "item.validity_changed": (_("变更有效性"), NO_PAYLOAD),
    "item.abolished": (_("宣布废止"), _("废止它的文件标题")),
    "item.interpretation_not_required": (_("标注无需解读"), NO_PAYLOAD),
    "item.screening_overridden": (_("确认审查发现无需修改"), _("审查发现编号、类型、字段、命中文字")),
    "catalog.configured": (_("修改主动公开设置"), NO_PAYLOAD),
    "catalog.negative_list_added": (_("新增负面清单事项"), _("事项、依据")),
    "catalog.negative_list_removed": (_("删除负面清单事项"), _("事项")),
    "catalog.sensitive_word_added": (_("新增错敏词"), _("词语、建议改为")),
    "compilation.created": (_("编印政务文件汇编"), _("收录信息、年度、期次、印数")),
    "compilation.distributed": (_("赠阅政务文件汇编"), _("份数、赠阅对象、累计份数")),
    "matter.created": (_("新建法定主动公开事项"), NO_PAYLOAD),
    "matter.triggered": (_("法定主动公开事项启动"), _("事项、启动日期、公开期限")),
    "matter.fulfilled": (_("法定主动公开事项已公开"), _("事项、公开的信息、是否逾期")),
}
