"""The product's URLs plus /bench/rows/: a minimal Django view rendering 50 rows, the yardstick of the issue."""

from django.shortcuts import render
from django.urls import include, path

from gongkai.search.models import SearchDocument


def fifty_rows(request):
    rows = SearchDocument.objects.order_by("-sort_key").values("title", "url", "published_on")[:50]
    return render(request, "bench/rows.html", {"rows": rows})


urlpatterns = [
    path("bench/rows/", fifty_rows),
    path("", include("gongkai.config.urls")),
]
