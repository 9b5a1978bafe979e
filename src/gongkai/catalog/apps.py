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
        from gongkai.catalog.services import link_checks, workflow  # noqa: F401  register their timed jobs
        from gongkai.catalog.services.deadlines import recompute_disclosure_due
        from gongkai.core.cached_lists import forget_on_change

        forget_on_change(Term, TERM_CHOICES)
        search_index.connect()   # the index follows the catalog's items, whoever wrote them
        register_deadline_recomputer("catalog.disclosure_due", recompute_disclosure_due)
