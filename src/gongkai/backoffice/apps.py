from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "gongkai.backoffice"
    label = "backoffice"
    verbose_name = _("工作台")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from gongkai.core.background import register_runner
        from gongkai.core.deferred import by_path

        # Notes at login whether a code is due; the module (and django-otp) is imported by the first login.
        user_logged_in.connect(by_path("gongkai.backoffice.second_factor._note_step"), weak=False,
                               dispatch_uid="gongkai-second-factor-step")

        register_runner("catalog.import", "gongkai.backoffice.work_runners.catalog_import")
        register_runner("report.generate", "gongkai.backoffice.work_runners.report_generate")
