from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("门户")

    def ready(self):
        from gongkai.catalog import signals
        from gongkai.portal import publication

        signals.item_published.connect(publication.on_item_public, dispatch_uid="portal_item_published")
        signals.item_changed.connect(publication.on_item_public, dispatch_uid="portal_item_changed")
        signals.item_withdrawn.connect(publication.on_item_withdrawn, dispatch_uid="portal_item_withdrawn")
        signals.items_bulk_published.connect(publication.on_items_bulk_published, dispatch_uid="portal_bulk")
        from gongkai.sites.signals import column_text_changed, site_changed

        site_changed.connect(publication.on_site_changed, dispatch_uid="portal_site_changed")
        column_text_changed.connect(publication.on_column_text_changed, dispatch_uid="portal_column_text_changed")
