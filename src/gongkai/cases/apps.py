from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    label = "cases"
    verbose_name = _("依申请公开")

    def ready(self):
        from gongkai.calendars.deadlines import register_deadline_recomputer
        from gongkai.core.deferred import by_path
        from gongkai.core.timed import register_timed_job_modules

        register_timed_job_modules("gongkai.cases.jobs")
        register_deadline_recomputer("cases", by_path("gongkai.cases.services_clock.recompute_open_deadlines"))
