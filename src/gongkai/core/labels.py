"""Translatable labels of the platform core's events."""

from django.utils.translation import gettext_lazy as _

# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary
EVENT_ACTIONS = {
    "outbox.retry_requested": (_("要求立即重发消息"), _("渠道（邮件或短信）")),
}
