"""Rendered public pages cached in the application, invalidated on every publish, change or withdrawal.

The cache key carries a generation stamp: the modification time of a file in the static-site directory, which
publication touches. Every process on the machine sees the new stamp at once (one stat call per request), so a
per-process cache is invalidated everywhere without a shared cache server.
"""

import os
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

TIMEOUT = 600


def _stamp_file() -> Path:
    return Path(settings.GONGKAI_STATIC_SITE_DIR) / ".generation"


def generation() -> int:
    try:
        return os.stat(_stamp_file()).st_mtime_ns
    except FileNotFoundError:
        return 0


def invalidate() -> None:
    path = _stamp_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(os.getpid()))
    bumped = generation()
    os.utime(path, ns=(bumped + 1, bumped + 1))


_agency_ids: dict[str, int] = {}
_agency_ids_generation = -1


def agency_id_for(code: str) -> int | None:
    """The id of an active agency by code, remembered until the next publication."""
    global _agency_ids, _agency_ids_generation
    from gongkai.agencies.selectors import public_agencies

    stamp = generation()
    if stamp != _agency_ids_generation:
        _agency_ids = dict(public_agencies().values_list("code", "id"))
        _agency_ids_generation = stamp
    return _agency_ids.get(code)


def counted(view):
    """Count a view of the agency's site, and of the item when the URL names one (before any cache)."""
    from gongkai.search.page_views import record_view

    @wraps(view)
    def wrapped(request, code, *args, **kwargs):
        agency_id = agency_id_for(code)
        if agency_id is not None and request.method == "GET":
            pk = kwargs.get("pk")
            record_view(agency_id, int(pk) if pk and str(pk).isdigit() else None)
        return view(request, code, *args, **kwargs)

    return wrapped


def _bypasses_cache(request) -> bool:
    """Every GET shares the cached copy, signed in or not, session cookie or not.

    Public pages show nothing of the visitor (no name, no messages, no CSRF token), so there is nothing to
    keep apart, and the session is not even read: a visitor who sent the mailbox form keeps a session cookie for
    hours and should not pay a full render, or a session lookup, for every page.
    """
    return request.method != "GET" or not settings.GONGKAI_PAGE_CACHE


def cached_page(view):
    """Cache the response of a public GET for every visitor (the pages carry no per-visitor data)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if _bypasses_cache(request):
            return view(request, *args, **kwargs)
        key = f"portal:{generation()}:{get_language()}:{request.get_host()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, TIMEOUT)
        return response

    return wrapped
