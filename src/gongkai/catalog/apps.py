from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = _("主动公开")

    def ready(self):
        from gongkai.calendars.deadlines import register_deadline_recomputer
        from gongkai.catalog import search_index
        from gongkai.catalog.models import Term
        from gongkai.catalog.selectors import TERM_CHOICES
        from gongkai.core.cached_lists import forget_on_change
        from gongkai.core.deferred import by_path
        from gongkai.core.timed import register_timed_job_modules

        forget_on_change(Term, TERM_CHOICES)
        search_index.connect()   # the index follows the catalog's items, whoever wrote them
        register_timed_job_modules("gongkai.catalog.services.link_checks", "gongkai.catalog.services.workflow",
                                   "gongkai.catalog.services.matters")
        register_deadline_recomputer("catalog.disclosure_due",
                                     by_path("gongkai.catalog.services.deadlines.recompute_disclosure_due"))
