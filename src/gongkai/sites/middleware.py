"""Requests routed by ``Host`` to a site of the cluster, and the visits that count for its figures.

On a site's own host name, ``/`` is the site's home and ``/map/`` its 网站地图; every other address is the same
as under the platform's host (``/gk/<code>/…``), which stays the fallback and the embed mode
(国办公开办函〔2019〕61号: the 政府信息公开 column built into an organ's existing site). A site's other names
redirect to its canonical one, so that every page has one address.
"""

from django.http import HttpResponsePermanentRedirect

from gongkai.sites import routing, visits

SITE_PATHS = {"/": "", "/map/": "map/"}
# The same on every host name: the API, static files and the health checks need no site (and no database read).
HOSTLESS = ("/api/", "/static/", "/healthz", "/readyz")


class SiteHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(HOSTLESS):
            request.site_route = None
            return self.get_response(request)
        try:
            host = request.get_host()
        except Exception:   # DisallowedHost: Django answers 400 further on
            host = ""
        route = routing.route_for_host(host) if host else None
        request.site_route = route
        if route is not None:
            if routing.normal_domain(host) != route.canonical and request.method in ("GET", "HEAD"):
                port = host.rsplit(":", 1)[1] if ":" in host and not host.endswith("]") else ""
                target = route.canonical + (f":{port}" if port else "")
                return HttpResponsePermanentRedirect(f"{request.scheme}://{target}{request.get_full_path()}")
            if request.path_info in SITE_PATHS:
                request.path_info = f"/gk/{route.agency_code}/{SITE_PATHS[request.path_info]}"
        response = self.get_response(request)
        visits.count_request(request, response)
        return response
