from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from gongkai.core import url_converters

        url_converters.register()
        from gongkai.core import outbox, planner_statistics, queue, session_purge  # noqa: F401  (timed jobs)

        queue.configure()   # every process that may send a task (web, worker, beat) speaks to the same broker
