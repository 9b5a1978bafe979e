"""What happens on the portal when the catalog publishes, changes or withdraws an item (signals sent on commit):
the page cache is invalidated and the static pages are rewritten. (The search index follows the catalog on the
same signals, in ``catalog.search_index``.)"""

import logging

from gongkai.agencies.selectors import public_agencies
from gongkai.catalog.selectors import public_items
from gongkai.core import sweeps
from gongkai.core.sweeps import register_sweep
from gongkai.core.timed import register_timed_job
from gongkai.portal import page_cache, site_publication, static_site

logger = logging.getLogger(__name__)

ITEM_PAGES_PER_TICK = 300
REPUBLICATION_CHUNK = 500   # item pages per chunk of a republication: about 10 s of rendering on this 2-core machine


def on_item_public(sender, item, **kwargs):
    page_cache.invalidate_publication([item])
    _publish(item, withdrawn=False)


def on_item_withdrawn(sender, item, **kwargs):
    page_cache.invalidate_publication([item])
    _publish(item, withdrawn=True)


def on_items_bulk_published(sender, item_ids, **kwargs):
    """A bulk publication (catalog import, demo): forget the cached pages and rewrite the list and column pages;
    the item pages themselves are written by the minute timer (``write_missing_item_pages``), since
    rendering thousands of pages inside the import would hold it up for minutes. Until then nginx passes
    those addresses to the application, which serves them as usual."""
    items = public_items().filter(pk__in=item_ids)
    page_cache.invalidate_publication(items)
    agency_ids = set(public_items().filter(pk__in=item_ids).values_list("agency_id", flat=True))
    agencies = list(public_agencies().filter(pk__in=agency_ids))
    # Batched per site: a page that lists several of the sites (an ancestor's lists, the home page, the
    # sitemap) is written once, not once per site.
    paths = {}
    for agency in agencies:
        paths.update(dict.fromkeys(static_site.pages_for_agency(agency)))
    for path in paths:
        _write(lambda p=path: static_site.write_path(p))
    _write(lambda: site_publication.publish_agencies(agencies))


@register_timed_job("portal.static_item_pages", "为尚无静态页面的已发布信息写入静态页面（每次至多 300 页）")
def write_missing_item_pages() -> int:
    return static_site.write_missing_item_pages(limit=ITEM_PAGES_PER_TICK)


@register_timed_job("portal.static_site_pages",
                    "重新写入批量发布时移除的首页、网站地图和各网站栏目静态页面（每次至多 300 页）")
def write_missing_site_pages() -> int:
    if not static_site.batched():
        return 0
    return static_site.write_missing_site_pages(limit=ITEM_PAGES_PER_TICK)


def _write(step) -> None:
    # Static files are a copy for resilience: a failure is logged, never breaks the publication itself.
    try:
        step()
    except Exception:
        logger.exception("static publication failed")


def _publish(item, *, withdrawn: bool, item_page: bool = True) -> None:
    if static_site.batched():
        # At cluster scale (GONGKAI_STATIC_PUBLISH=batched) the pages are written by the timed jobs, once a
        # tick per site; until then nginx passes their addresses to the application.
        _write(lambda: static_site.remove_stale_pages(item, withdrawn=withdrawn))
        return
    if item_page:
        _write(lambda: static_site.publish_item_pages(item, withdrawn=withdrawn))
        _write(lambda: site_publication.publish_item(item, withdrawn=withdrawn))
    else:
        for path in static_site.pages_for_agency(item.agency):
            _write(lambda p=path: static_site.write_path(p))


def on_site_changed(sender, site_id, **kwargs):
    """A site's identity or names changed: every cached page may show its footer; its home pages are
    rewritten now, its other static pages at the next publication that touches them (or ``portal publish``)."""
    from gongkai.sites import routing

    page_cache.invalidate()
    route = next((r for r in routing.all_routes() if r.site_id == site_id), None)
    if route is not None:
        _write(lambda: site_publication.publish_home(route))


# What of an agency the layout of public pages shows (titles, breadcrumbs, navigation, site frames, the lists
# of sub-agencies): a change of one of these drops every cached page and frame; any other change (the office's
# address, hours, staff) shows only in the agency's own site (its 指南).
LAYOUT_FIELDS = frozenset({"name", "short_name", "code", "kind", "level", "sort_order", "is_active",
                           "publishes_own_report"})


def on_agency_changed(sender, agency_id, code, fields, **kwargs):
    """An agency's record changed (agencies.signals): forget the pages that show what changed."""
    if LAYOUT_FIELDS & set(fields):
        page_cache.invalidate()
    else:
        page_cache.invalidate(page_cache.site_scope(code))


def on_column_text_changed(sender, agency_code, column, **kwargs):
    """A column text changed (sites.column_texts): forget the site's cached pages and rewrite the page showing it."""
    from django.urls import reverse

    page_cache.invalidate(page_cache.site_scope(agency_code))
    name = "rules" if column == "rules" else "guide"
    _write(lambda: static_site.write_path(reverse(f"portal:{name}", kwargs={"code": agency_code})))


def republication_chunks(code: str) -> list[tuple[int, int]]:
    return static_site.item_chunks(REPUBLICATION_CHUNK, under=_scope_path(code))


def _scope_path(code: str) -> str:
    if code in ("", "*"):
        return ""
    agency = public_agencies().filter(code=code).first()
    return agency.path if agency is not None else "/nowhere/"


@register_sweep("portal.republish", "分块重新写入信息页面的静态文件（参数：机构代码，* 为全部；多个进程分担）",
                chunks=republication_chunks, default_argument=lambda: "*", atomic=False)
def republish_between(first: int, last: int, code: str) -> int:
    """One chunk of a static republication: the item pages with ids ``first``..``last`` (of the agency
    ``code`` and those below it, ``*`` for all), in the static site and in the agency's own site's directory."""
    under = _scope_path(code)
    written = static_site.write_item_pages_between(first, last, under=under)
    if under:
        written += site_publication.write_item_pages_between(code, first, last)
    return written


def republish_through_queue(code: str = "*"):
    """A static republication shared by the queue's workers: the column pages here, the item pages as the
    chunks of a ``portal.republish`` sweep. Returns (pages written here, the sweep's run)."""
    under = _scope_path(code)
    written = static_site.publish_columns(under=under)
    return written, sweeps.start("portal.republish", argument=code, queue=True)
