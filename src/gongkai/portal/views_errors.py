from django.shortcuts import render


def gone(request, exception=None):
    return render(request, "portal/410.html", status=410)
