"""sitemap.xml, robots.txt and the language switch of public pages."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from gongkai.agencies.selectors import public_agencies
from gongkai.catalog.selectors import public_items
from gongkai.portal.page_cache import cached_page

SITEMAP_LIMIT = 50_000  # the sitemap protocol's limit per file


def sitemap_entries(path_prefix: str = ""):
    """Every column and item page; on a site's host only those of the site's agency and the units below it."""
    columns = ("site", "guide", "rules", "statutory", "catalog", "site_map")
    for agency in public_agencies().filter(path__startswith=path_prefix).order_by("path"):
        for name in columns:
            yield reverse(f"portal:{name}", kwargs={"code": agency.code}), None
    # One reverse() for the pattern instead of one per item: the sitemap is rewritten at every publication.
    pattern = reverse("portal:item", kwargs={"code": "CODE", "pk": "0"}).replace("CODE", "{code}").replace("/0/", "/{pk}/")
    items = (public_items().filter(agency__path__startswith=path_prefix).order_by("-published_on", "-id")
             .values_list("agency__code", "pk", "published_on"))
    for code, pk, published_on in items[:SITEMAP_LIMIT - 1000]:
        yield pattern.format(code=code, pk=pk), published_on


@cached_page
def sitemap(request):
    origin = request.build_absolute_uri("/").rstrip("/")
    route = getattr(request, "site_route", None)
    if route is not None:   # the site's own sitemap, on its canonical address (the site's home is "/")
        origin = f"https://{route.canonical}"
        home = reverse("portal:site", kwargs={"code": route.agency_code})
        entries = [(origin + ("/" if path == home else path), day)
                   for path, day in sitemap_entries(route.agency_path)]
    else:
        entries = [(origin + path, day) for path, day in sitemap_entries()]
    return render(request, "portal/sitemap.xml", {"entries": entries}, content_type="application/xml")


def robots(request):
    sitemap_url = request.build_absolute_uri(reverse("portal:sitemap"))
    lines = ["User-agent: *", "Disallow: /staff/", "Disallow: /api/", "Disallow: /search/",
             f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# Public pages carry no CSRF token so that they can be cached and published as static files; choosing a
# language is harmless to forge, so its form is exempt.
language = csrf_exempt(set_language)
