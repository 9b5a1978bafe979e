"""Static publication per site: the pages of each site of the cluster, rendered as served on its canonical
host name (its footer, canonical links and sitemap), under sites/<domain>/ of the site storage (by default
<GONGKAI_STATIC_SITE_DIR>/sites/<domain>/), the directory that the site's nginx server block serves first
(docs/nginx-gongkai.conf).

The site's home is written as index.html (its "/"), and its 网站地图 as map/index.html.
"""

import logging

from django.conf import settings
from django.http.request import validate_host
from django.urls import reverse

from gongkai.portal import static_site
from gongkai.sites import routing

logger = logging.getLogger(__name__)
COLUMNS = ("site", "guide", "rules", "statutory", "catalog", "site_map")


def site_root(route) -> str:
    """The site's directory in the site storage."""
    return f"sites/{route.canonical}/"


def _write(route, path: str, target: str | None = None) -> int:
    try:
        return int(static_site.write_path(path, route=route, prefix=site_root(route), target_path=target))
    except Exception:   # the static copy is for resilience: a failure is logged, never breaks publication
        logger.exception("static publication of %s on %s failed", path, route.canonical)
        return 0


def _home_pages(route) -> int:
    home = reverse("portal:site", kwargs={"code": route.agency_code})
    site_map = reverse("portal:site_map", kwargs={"code": route.agency_code})
    return (_write(route, home, "/") + _write(route, site_map, "/map/")
            + _write(route, reverse("portal:sitemap")))


def publish_home(route) -> int:
    return _home_pages(route) if publishable(route) else 0


def publishable(route) -> bool:
    """Whether this deployment serves the site's canonical name (``GONGKAI_ALLOWED_HOSTS``, as the README's
    settings table says every site's names must be): a name it would refuse with 400 has no pages to write —
    the demo's made-up domains under ``make run``, for one. Said once a process, not per site or page."""
    if validate_host(route.canonical, settings.ALLOWED_HOSTS):
        return True
    if not _SKIPPED:
        logger.warning("static pages of the sites whose names are not in GONGKAI_ALLOWED_HOSTS are not written "
                       "(the first: %s)", route.canonical)
    elif route.canonical not in _SKIPPED:
        logger.debug("static pages of %s not written: not in GONGKAI_ALLOWED_HOSTS", route.canonical)
    _SKIPPED.add(route.canonical)
    return False


_SKIPPED: set[str] = set()


def _routes():
    return [r for r in routing.all_routes() if publishable(r)]


def routes_showing(agency) -> list:
    """The sites whose pages list the agency's items: its own site and those of the agencies above it."""
    return [r for r in _routes() if agency.path.startswith(r.agency_path)]


def publish_item(item, *, withdrawn: bool = False) -> int:
    written = 0
    item_path = reverse("portal:item", kwargs={"code": item.agency.code, "pk": item.pk})
    for route in routes_showing(item.agency):
        if withdrawn:
            static_site.remove_page(item_path, site_root(route))
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


def write_item_pages_between(code: str, first_pk: int, last_pk: int) -> int:
    """A chunk of a republication on the own site of the agency ``code`` (when it has one this deployment
    serves): the item pages with ids ``first_pk``..``last_pk`` of its agencies."""
    from gongkai.catalog.selectors import public_items

    route = next((r for r in _routes() if r.agency_code == code), None)
    if route is None:
        return 0
    items = (public_items().filter(agency__path__startswith=route.agency_path, pk__gte=first_pk, pk__lte=last_pk)
             .order_by("pk").values_list("agency__code", "pk"))
    return sum(_write(route, reverse("portal:item", kwargs={"code": c, "pk": pk}))
               for c, pk in static_site._in_chunks(items))


def publish_all_sites(on_progress=None) -> int:
    """Every page of every site the deployment serves; ``on_progress(done, total)`` counts the sites."""
    routes = _routes()
    written = 0
    for done, route in enumerate(routes, 1):
        written += publish_site(route)
        if on_progress:
            on_progress(done, len(routes))
    return written
