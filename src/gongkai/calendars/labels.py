"""Translatable labels of the calendar's events."""

from django.utils.translation import gettext_lazy as _

# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary
EVENT_ACTIONS = {
    "calendar.year_set": (_("导入放假安排"), _("通知文号、变动的日期")),
}
