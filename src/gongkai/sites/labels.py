"""Translatable labels of the site cluster's events."""

from django.utils.translation import gettext_lazy as _

from gongkai.sites.domain.error_reports import ErrorKind, ReportStatus
from gongkai.sites.domain.identity import SiteType

# Choices of the records' fields (the models and the forms of every interface read them from here).
SITE_TYPE_CHOICES = [(SiteType.PORTAL.value, _("政府门户网站")), (SiteType.DEPARTMENT.value, _("部门网站")),
                     (SiteType.SPECIAL.value, _("专项网站"))]
ERROR_KIND_CHOICES = [
    (ErrorKind.CONTENT.value, _("内容错误（错别字、表述错误等）")), (ErrorKind.BROKEN_LINK.value, _("链接无法打开")),
    (ErrorKind.UNREACHABLE.value, _("页面无法访问")), (ErrorKind.STALE.value, _("信息不更新")),
    (ErrorKind.NO_REPLY.value, _("互动不回应")), (ErrorKind.SERVICE.value, _("办事服务不实用")),
    (ErrorKind.OTHER.value, _("其他问题")),
]
REPORT_STATUS_CHOICES = [(ReportStatus.RECEIVED.value, _("待分办")), (ReportStatus.ASSIGNED.value, _("办理中")),
                         (ReportStatus.REPLIED.value, _("已答复"))]

NO_PAYLOAD = _("无附加数据")

# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary
EVENT_ACTIONS = {
    "site.created": (_("新建网站"), _("域名")),
    "site.changed": (_("修改网站信息"), _("原域名、现域名")),
    "site.figure_set": (_("填报网站年度数据"), _("年度、项目、数值、是否约数、说明")),
    "site.yearly_report_published": (_("发布政府网站工作年度报表"), _("年度")),
    "site.yearly_report_reminded": (_("提醒发布政府网站工作年度报表"), _("年度、提醒阶段、发布期限")),
    "site_report.received": (_("收到网站纠错留言"), _("网站、问题类型、答复期限")),
    "site_report.assigned": (_("交办网站纠错留言"), NO_PAYLOAD),
    "site_report.replied": (_("答复网站纠错留言"), _("答复日期、是否属实、是否逾期")),
    # Written by sites.column_texts; the code keeps the name it had when the portal held the texts.
    "portal.column_text_changed": (_("修改栏目文字"), _("机构、栏目")),
}
