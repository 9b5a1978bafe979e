from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = _("年度报告")

    def ready(self) -> None:
        from gongkai.core.timed import register_timed_job_modules

        register_timed_job_modules("gongkai.reports.year_drafts")   # declares its sweep; imported on first use
