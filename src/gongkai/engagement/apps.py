from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "gongkai.engagement"
    label = "engagement"
    verbose_name = _("互动与工作记录")

    def ready(self):
        from gongkai.calendars.deadlines import register_deadline_recomputer
        from gongkai.engagement import jobs  # noqa: F401  (registers the timed jobs)
        from gongkai.engagement.services import recompute_reply_deadlines

        register_deadline_recomputer("engagement.message_reply", recompute_reply_deadlines)
