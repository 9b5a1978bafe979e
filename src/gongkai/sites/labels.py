"""Translatable labels of the site cluster's events."""

from django.utils.translation import gettext_lazy as _

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
}
