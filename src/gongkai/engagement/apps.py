from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "gongkai.engagement"
    label = "engagement"
    verbose_name = _("互动与工作记录")

    def ready(self):
        from gongkai.calendars.deadlines import register_deadline_recomputer
        from gongkai.core.deferred import by_path
        from gongkai.core.timed import register_timed_job_modules

        register_timed_job_modules("gongkai.engagement.jobs")
        register_deadline_recomputer("engagement.message_reply",
                                     by_path("gongkai.engagement.services.recompute_reply_deadlines"))
