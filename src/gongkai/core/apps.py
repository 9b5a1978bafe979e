from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from gongkai.core import errors, url_converters  # noqa: F401  (errors: messages render translated)

        url_converters.register()
        from django.conf import settings

        from gongkai.core.timed import register_timed_job_modules

        register_timed_job_modules("gongkai.core.outbox", "gongkai.core.planner_statistics",
                                   "gongkai.core.session_purge", "gongkai.core.sweeps")

        if settings.GONGKAI_BROKER_URL:
            from gongkai.core import queue

            queue.configure()   # every process that may send a task (web, worker, beat) speaks to the same broker
