"""Translatable labels of the cases area's events (依申请公开 and its appeals)."""

from django.utils.translation import gettext_lazy as _

NO_PAYLOAD = _("无附加数据")

# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary
EVENT_ACTIONS = {
    "case.registered": (_("登记申请"), _("渠道、到达日期、收到日期、附件、登记回执")),
    "case.receipt_confirmed": (_("确认收到申请"), _("收到日期、是否逾期确认")),
    "case.correction_requested": (_("告知补正"), _("告知日期、补正期限（日）")),
    "case.correction_received": (_("收到补正"), _("收到日期")),
    "case.accepted": (_("受理申请"), NO_PAYLOAD),
    "case.assigned": (_("分办申请"), _("原承办人、新承办人、承办科室")),
    "case.transferred": (_("转送其他机关"), _("原机关、接收机关、告知书")),
    "case.consultation_started": (_("征求意见"), _("征求意见类型、对象、发出日期、答复期限")),
    "case.consultation_answered": (_("收到征求意见答复"), _("对象、答复日期、是否逾期未答复")),
    "case.extended": (_("延长答复期限"), _("延长天数、批准人、告知日期")),
    "case.delay_set": (_("中止计算答复期限"), _("中止至、告知日期")),
    "case.fee_notice_issued": (_("发出收费通知"), _("计收方式、金额、缴费期限、计费明细")),
    "case.fee_paid": (_("缴纳信息处理费"), _("缴费日期、金额、票据号")),
    "case.decided": (_("作出答复"), _("答复结果、答复类型、答复日期、是否逾期、法律依据、公开的信息")),
    "case.delivered": (_("送达答复"), _("送达日期、送达方式")),
    "case.letter_delivered": (_("送达告知书"), _("告知书、送达日期、送达方式")),
    "case.letter_template_saved": (_("保存告知书模板"), _("告知书种类、答复结果、是否新建")),
    "case.closed": (_("办结"), NO_PAYLOAD),
    "case.withdrawn": (_("申请人撤回申请"), NO_PAYLOAD),
    "case.abandoned": (_("视为放弃申请"), _("答复结果、视为放弃的情形")),
    "case.deadline_recomputed": (_("重新计算答复期限"), _("变更放假安排的年份")),
    "case.reminder_sent": (_("发出期限提醒"), _("到期日、剩余工作日")),
    "case.appealed": (_("申请人提起复议或诉讼"), _("复议或诉讼记录、类型")),
    "case.exported": (_("导出案卷"), NO_PAYLOAD),
    "case.personal_data_read": (_("查看申请人个人信息"), _("查看的内容")),
    "case.letter_read": (_("申请人阅读电子送达的告知书"), _("告知书编号、阅读时间")),
    "case.applicant_code_sent": (_("向申请人发送一次性验证码"), _("发送渠道（短信或邮件）")),
    "case.applicant_signed_in": (_("申请人进入本人申请页面"), _("验证渠道")),
    "case.correction_submitted_online": (_("申请人在线提交补正"), _("附件数")),
    "case.file_released": (_("向申请人提供公开文件"), _("文件名、SHA-256、大小")),
    "case.notice_template_saved": (_("保存通知模板"), _("通知事项、渠道、是否新建")),
    "case.fee_payment_details_saved": (_("保存缴费方式"), _("是否新建")),
    "case.redaction_started": (_("开始遮盖文件"), _("遮盖记录、原文件 SHA-256")),
    "case.redaction_confirmed": (_("人工确认遮盖结果"), _("遮盖记录、须人工确认的页码")),
    "case.redaction_released": (_("提供经核验的遮盖文件"), _("遮盖记录、输出文件 SHA-256")),
    "appeal.filed": (_("登记行政复议或行政诉讼"), _("类型、申请")),
    "appeal.decided": (_("复议或诉讼结案"), _("结案日期")),
}
