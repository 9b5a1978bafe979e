from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "gongkai.backoffice"
    label = "backoffice"
    verbose_name = _("工作台")

    def ready(self):
        from gongkai.backoffice import second_factor  # noqa: F401  (notes at login whether a code is due)
        from gongkai.core.background import register_runner

        register_runner("catalog.import", "gongkai.backoffice.work_runners.catalog_import")
        register_runner("report.generate", "gongkai.backoffice.work_runners.report_generate")
