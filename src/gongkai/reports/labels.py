"""Translatable labels of the annual report's events."""

from django.utils.translation import gettext_lazy as _

NO_PAYLOAD = _("无附加数据")

# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary
EVENT_ACTIONS = {
    "report.generated": (_("生成年度报告"), NO_PAYLOAD),
    "report.regenerated": (_("按最新记录重新生成年度报告"), NO_PAYLOAD),
    "report.narrative_edited": (_("修改年度报告文字部分"), NO_PAYLOAD),
    "report.published": (_("发布年度报告"), _("版本、签发日期")),
    "report.correction_started": (_("开始更正年度报告"), _("被更正的报告、版本")),
    "report.figure_declared": (_("填报年度报告数字"), _("单元格、年度")),
    "report.past_imported": (_("导入往年年度报告"), _("年度、文件名、是否替换")),
    "report.particular_set": (_("填写年度报告事项"), _("事项、年度")),
}
