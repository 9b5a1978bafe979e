from django.shortcuts import render

from gongkai.agencies.selectors import public_agencies


def home(request):
    roots = public_agencies().filter(parent__isnull=True).order_by("sort_order", "id")
    return render(request, "portal/home.html", {"roots": roots})
