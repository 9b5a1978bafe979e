from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "gongkai.sites"
    label = "sites"
    verbose_name = _("网站集群")

    def ready(self):
        from gongkai.core.timed import register_timed_job_modules

        register_timed_job_modules("gongkai.sites.jobs")   # imported on first use: quick commands stay quick
