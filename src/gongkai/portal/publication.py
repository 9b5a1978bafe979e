"""What happens on the portal when the catalog publishes, changes or withdraws an item (signals sent on commit):
the search index follows, the page cache is invalidated and the static pages are rewritten."""

import logging

from gongkai.catalog.selectors import item_document, public_items
from gongkai.portal import page_cache, static_site
from gongkai.search import services as search

logger = logging.getLogger(__name__)


def on_item_public(sender, item, **kwargs):
    search.index_document(item_document(item))
    page_cache.invalidate()
    _publish(item, withdrawn=False)


def on_item_withdrawn(sender, item, **kwargs):
    search.remove_document(f"item:{item.pk}")
    page_cache.invalidate()
    _publish(item, withdrawn=True)


def on_items_bulk_published(sender, item_ids, **kwargs):
    items = public_items().filter(pk__in=item_ids).prefetch_related("attachments")
    search.index_documents(item_document(item) for item in items)
    page_cache.invalidate()
    agencies = {}
    for item in items:
        agencies.setdefault(item.agency_id, item)
        _write(lambda it=item: static_site.write_path(it.public_path))
    for item in agencies.values():
        _publish(item, withdrawn=False, item_page=False)


def _write(step) -> None:
    # Static files are a copy for resilience: a failure is logged, never breaks the publication itself.
    try:
        step()
    except Exception:
        logger.exception("static publication failed")


def _publish(item, *, withdrawn: bool, item_page: bool = True) -> None:
    if item_page:
        _write(lambda: static_site.publish_item_pages(item, withdrawn=withdrawn))
    else:
        for path in static_site.pages_for_agency(item.agency):
            _write(lambda p=path: static_site.write_path(p))
