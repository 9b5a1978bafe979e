"""The site a public page belongs to: its identity in the footer, its canonical address, its theme.

The site is the one of the request's host name, else the one that shows the page's agency (its own or the
nearest above it), so the static publisher's renders and the ``/gk/<code>/`` fallback carry it too.
"""

import time

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils.html import format_html

from gongkai.portal import page_cache
from gongkai.sites import routing
from gongkai.sites.selectors import identity, public_site

register = template.Library()

# The identity of each site, read once per publication generation: every page of a site shows it, and a
# change of a site's identity or names invalidates everything (portal.publication.on_site_changed), like the
# page cache; fresh renders (GONGKAI_PAGE_CACHE=0) then pay no query for their footer.
_identities: dict[int, tuple[int, float, dict | None]] = {}


def _site_identity(site_id: int) -> dict | None:
    stamp, now = page_cache.generation(), time.monotonic()
    found = _identities.get(site_id)
    if found is None or found[0] != stamp or now - found[1] >= page_cache.TIMEOUT:
        site = public_site(site_id)
        found = (stamp, now, identity(site) if site is not None else None)
        _identities[site_id] = found
    return found[2]


@receiver(setting_changed)
def forget_identities(**kwargs) -> None:
    _identities.clear()


def site_route(context):
    """The site route of a page (its host's, else its agency's site), None on pages of no site."""
    return _route(context)


def _route(context):
    request = context.get("request")
    route = getattr(request, "site_route", None) if request is not None else None
    if route is None and request is not None and not hasattr(request, "site_route"):
        try:
            route = routing.route_for_host(request.get_host())
        except Exception:   # DisallowedHost: the page then shows its agency's site
            route = None
    agency = context.get("agency")
    path = getattr(agency, "path", "") if agency is not None else ""
    # A page of an agency outside the host's site (another unit's /gk/<code>/ page) is that agency's site's.
    if path and (route is None or not path.startswith(route.agency_path)):
        route = routing.route_for_agency_path(path)
    return route


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The identity block of the page's site (a dict), or None on pages of no site."""
    route = _route(context)
    known = _site_identity(route.site_id) if route else None
    if known is None:
        return None
    data = dict(known)
    data["code"] = route.agency_code
    data["home"] = f"https://{data['canonical']}/"
    return data


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's one address: on its site's canonical host, the site's home as "/" (https)."""
    request = context.get("request")
    route = _route(context)
    if request is None or route is None:
        return ""
    path = request.path
    home = reverse("portal:site", kwargs={"code": route.agency_code})
    if path == home:
        path = "/"
    return f"https://{route.canonical}{path}"


def canonical_link_html(context) -> str:
    canonical = canonical_url(context)
    return format_html('<link rel="canonical" href="{}">', canonical) if canonical else ""


@register.simple_tag(takes_context=True)
def canonical_link(context):
    """The page's ``<link rel="canonical">`` (nothing on pages of no site); a site frame's hole while the frame
    is drawn (``portal.site_frame``), filled for each request."""
    marks = context.get("request_marks")
    return marks["canonical"] if marks else canonical_link_html(context)


@register.simple_tag(takes_context=True)
def request_path(context):
    """The request's path (the language form comes back to it); a site frame's hole while the frame is drawn."""
    marks = context.get("request_marks")
    if marks:
        return marks["path"]
    request = context.get("request")
    return request.path if request is not None else ""


@register.simple_tag
def latest_site_report(identity):
    """The site's latest published 政府网站工作年度报表, for its home page (国办函〔2018〕12号: 首页显著位置)."""
    if not identity:
        return None
    from gongkai.sites.yearly import published_reports

    reports = published_reports(identity["site"])
    return reports[0] if reports else None
