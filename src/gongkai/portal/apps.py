from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("门户")

    def ready(self):
        from gongkai.agencies.signals import agency_changed
        from gongkai.catalog import signals
        from gongkai.core.deferred import by_path
        from gongkai.core.timed import register_timed_job_modules
        from gongkai.sites.signals import column_text_changed, site_changed

        # The receivers are imported by the first publication, not by every command's start (core.deferred).
        on_public = by_path("gongkai.portal.publication.on_item_public")
        signals.item_published.connect(on_public, weak=False, dispatch_uid="portal_item_published")
        signals.item_changed.connect(on_public, weak=False, dispatch_uid="portal_item_changed")
        signals.item_withdrawn.connect(by_path("gongkai.portal.publication.on_item_withdrawn"), weak=False,
                                       dispatch_uid="portal_item_withdrawn")
        signals.items_bulk_published.connect(by_path("gongkai.portal.publication.on_items_bulk_published"),
                                             weak=False, dispatch_uid="portal_bulk")
        site_changed.connect(by_path("gongkai.portal.publication.on_site_changed"), weak=False,
                             dispatch_uid="portal_site_changed")
        column_text_changed.connect(by_path("gongkai.portal.publication.on_column_text_changed"), weak=False,
                                    dispatch_uid="portal_column_text_changed")
        agency_changed.connect(by_path("gongkai.portal.publication.on_agency_changed"), weak=False,
                               dispatch_uid="portal_agency_changed")
        register_timed_job_modules("gongkai.portal.publication")
