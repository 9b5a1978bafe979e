"""The catalog's items in the search index: a published or changed item is indexed, a withdrawn one removed, a bulk
publication (import, demo) indexed in one batch. Connected to the catalog's own signals (sent on commit) in
``CatalogConfig.ready``, so the index follows the catalog whichever interface wrote the item (back office, API,
commands, the demo), and whether or not the portal is installed. The portal's receivers of the same signals keep
its page cache and static pages (``portal.publication``)."""

from gongkai.catalog import signals
from gongkai.catalog.selectors import item_document, public_items


def on_item_public(sender, item, **kwargs):
    from gongkai.search import services as search  # on first use: commands that publish nothing stay quick

    search.index_document(item_document(item))


def on_item_withdrawn(sender, item, **kwargs):
    from gongkai.search import services as search

    search.remove_document(f"item:{item.pk}")


def on_items_bulk_published(sender, item_ids, **kwargs):
    from gongkai.search import services as search

    items = public_items().filter(pk__in=item_ids).prefetch_related("attachments")
    search.index_documents(item_document(item) for item in items)


def connect() -> None:
    signals.item_published.connect(on_item_public, dispatch_uid="catalog_search_item_published")
    signals.item_changed.connect(on_item_public, dispatch_uid="catalog_search_item_changed")
    signals.item_withdrawn.connect(on_item_withdrawn, dispatch_uid="catalog_search_item_withdrawn")
    signals.items_bulk_published.connect(on_items_bulk_published, dispatch_uid="catalog_search_bulk")
