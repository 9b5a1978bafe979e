from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    label = "cases"
    verbose_name = _("依申请公开")

    def ready(self):
        from gongkai.calendars.deadlines import register_deadline_recomputer
        from gongkai.cases import jobs  # noqa: F401  (registers the timed jobs)
        from gongkai.cases.services_clock import recompute_open_deadlines

        register_deadline_recomputer("cases", recompute_open_deadlines)
