"""Translatable labels of the portal's events."""

from django.utils.translation import gettext_lazy as _

# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary
EVENT_ACTIONS = {
    "portal.column_text_changed": (_("修改栏目文字"), _("机构、栏目")),
}
