from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = _("年度报告")

    def ready(self) -> None:
        from gongkai.reports import year_drafts  # noqa: F401  (registers its sweep)
