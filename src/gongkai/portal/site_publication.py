"""Static publication per site: the pages of each site of the cluster, rendered as served on its canonical
host name (its footer, canonical links and sitemap), under <GONGKAI_STATIC_SITE_DIR>/sites/<domain>/, the
directory that the site's nginx server block serves first (docs/nginx-gongkai.conf).

The site's home is written as index.html (its "/"), and its 网站地图 as map/index.html.
"""

import logging
from pathlib import Path

from django.urls import reverse

from gongkai.portal import static_site
from gongkai.sites import routing

logger = logging.getLogger(__name__)
COLUMNS = ("site", "guide", "rules", "statutory", "catalog", "site_map")


def site_root(route) -> Path:
    return static_site.site_dir() / "sites" / route.canonical


def _write(route, path: str, target: str | None = None) -> int:
    try:
        return int(static_site.write_path(path, route=route, root=site_root(route), target_path=target))
    except Exception:   # the static copy is for resilience: a failure is logged, never breaks publication
        logger.exception("static publication of %s on %s failed", path, route.canonical)
        return 0


def _home_pages(route) -> int:
    home = reverse("portal:site", kwargs={"code": route.agency_code})
    site_map = reverse("portal:site_map", kwargs={"code": route.agency_code})
    return (_write(route, home, "/") + _write(route, site_map, "/map/")
            + _write(route, reverse("portal:sitemap")))


def publish_home(route) -> int:
    return _home_pages(route)


def routes_showing(agency) -> list:
    """The sites whose pages list the agency's items: its own site and those of the agencies above it."""
    return [r for r in routing.all_routes() if agency.path.startswith(r.agency_path)]


def publish_item(item, *, withdrawn: bool = False) -> int:
    written = 0
    item_path = reverse("portal:item", kwargs={"code": item.agency.code, "pk": item.pk})
    for route in routes_showing(item.agency):
        if withdrawn:
            static_site.file_for(item_path, site_root(route)).unlink(missing_ok=True)
        else:
            written += _write(route, item_path)
        for path in static_site.pages_for_agency(item.agency):
            if path not in (reverse("portal:home"), reverse("portal:sitemap")):
                written += _write(route, path)
        written += _home_pages(route)
    return written


def publish_agencies(agencies) -> int:
    """The column and list pages (not the item pages) of ``agencies`` on every site showing them."""
    written = 0
    for agency in agencies:
        for route in routes_showing(agency):
            for path in static_site.pages_for_agency(agency):
                if path not in (reverse("portal:home"), reverse("portal:sitemap")):
                    written += _write(route, path)
    for route in {r for a in agencies for r in routes_showing(a)}:
        written += _home_pages(route)
    return written


def publish_site(route) -> int:
    """Every page of one site: home, site map, sitemap, columns of its agencies, items."""
    from gongkai.agencies.selectors import public_agencies
    from gongkai.catalog.selectors import public_items

    written = _home_pages(route)
    for code in public_agencies().filter(path__startswith=route.agency_path).values_list("code", flat=True):
        for name in COLUMNS:
            written += _write(route, reverse(f"portal:{name}", kwargs={"code": code}))
    items = (public_items().filter(agency__path__startswith=route.agency_path).order_by("pk")
             .values_list("agency__code", "pk"))
    for code, pk in static_site._in_chunks(items):
        written += _write(route, reverse("portal:item", kwargs={"code": code, "pk": pk}))
    return written


def publish_all_sites() -> int:
    return sum(publish_site(route) for route in routing.all_routes())
