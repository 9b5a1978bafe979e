from django.shortcuts import render

from gongkai.agencies.selectors import children, public_agencies
from gongkai.catalog.selectors import public_items
from gongkai.portal.page_cache import cached_page


@cached_page
def home(request):
    roots = list(public_agencies().filter(parent__isnull=True).order_by("sort_order", "id"))
    sites = [(root, list(children(root))) for root in roots]
    latest = list(public_items().order_by("-published_on", "-id")[:10])
    return render(request, "portal/home.html", {"sites": sites, "latest": latest})
