"""Which site a host name or an agency belongs to, remembered in the process for a short while.

Sites and domains change a few times a year; a lookup per request would cost a query on pages that the
cache otherwise serves without one. A change made in this process is seen at once (``forget`` on commit);
other processes see it within ``TTL`` seconds.
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.db import DatabaseError

from gongkai.sites.domain.identity import normal_domain

logger = logging.getLogger(__name__)
TTL = 30.0


@dataclass(frozen=True)
class SiteRoute:
    site_id: int
    agency_id: int
    agency_code: str
    agency_path: str
    canonical: str
    name: str


_lock = threading.Lock()
_state: dict = {"at": -TTL, "hosts": {}, "agencies": {}, "codes": {}}


def forget() -> None:
    with _lock:
        _state["at"] = -TTL


def _load() -> dict:
    from gongkai.agencies.models import Agency
    from gongkai.sites.models import SiteDomain

    hosts, agencies = {}, {}
    codes = dict(Agency.objects.filter(is_active=True).values_list("code", "path"))
    rows = (SiteDomain.objects.filter(site__is_active=True, site__agency__is_active=True)
            .values_list("domain", "is_canonical", "site_id", "site__agency_id", "site__agency__code",
                         "site__agency__path", "site__name", "site__site_type"))
    canonical = {site_id: domain for domain, is_canonical, site_id, *_rest in rows if is_canonical}
    for domain, _is_canonical, site_id, agency_id, code, path, name, site_type in rows:
        if site_id not in canonical:
            continue
        route = SiteRoute(site_id, agency_id, code, path, canonical[site_id], name)
        hosts[domain] = route
        # An agency's own site is its main (non-special) site; a 专项网站 is reached only by its host.
        if site_type != "special" and (agency_id not in agencies or domain == canonical[site_id]):
            agencies.setdefault(agency_id, route)
    return {"hosts": hosts, "agencies": agencies, "codes": codes}


def _routes() -> dict:
    now = time.monotonic()
    with _lock:
        if now - _state["at"] < TTL:
            return _state
    try:
        loaded = _load()
    except DatabaseError:   # a database not migrated yet, or gone for a moment: no site, the paths still work
        logger.warning("sites: host routes not readable; serving without sites for now")
        loaded = {"hosts": {}, "agencies": {}, "codes": {}}
    with _lock:
        _state.update(loaded, at=now)
        return _state


def route_for_host(host: str) -> SiteRoute | None:
    return _routes()["hosts"].get(normal_domain(host))


def route_for_agency_path(path: str) -> SiteRoute | None:
    """The site that shows an agency: its own, else the nearest agency above it with one (embed mode)."""
    agencies = _routes()["agencies"]
    ids = [int(p) for p in (path or "").split("/") if p]
    for agency_id in reversed(ids):
        if agency_id in agencies:
            return agencies[agency_id]
    return None


def route_for_agency_code(code: str) -> SiteRoute | None:
    path = _routes()["codes"].get(code)
    return route_for_agency_path(path) if path else None


def all_routes() -> list[SiteRoute]:
    return sorted({r.site_id: r for r in _routes()["hosts"].values()}.values(), key=lambda r: r.agency_path)


__all__ = ["SiteRoute", "all_routes", "forget", "normal_domain", "route_for_agency_code",
           "route_for_agency_path", "route_for_host"]
