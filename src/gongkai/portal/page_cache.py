"""Rendered public pages cached in the application, invalidated on every publish, change or withdrawal.

The cache key carries a generation stamp: the modification time of a file in the static-site directory, which
publication touches. Every process on the machine sees the new stamp at once (one stat call per request), so a
per-process cache is invalidated everywhere without a shared cache server.
"""

import hashlib
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


# What in a User-Agent marks a program rather than a person reading the page: search engines and crawlers,
# command-line and library HTTP clients, headless browsers, monitors, and the platform's own tools. Matched
# as lower-case substrings. A browser always sends a User-Agent; a request without one is not counted.
BOT_MARKERS = ("bot", "spider", "crawl", "slurp", "curl", "wget", "python-requests", "python-urllib", "httpx",
               "aiohttp", "go-http-client", "java/", "okhttp", "libwww", "scrapy", "headless", "phantomjs",
               "lighthouse", "monitor", "gongkai")
MAX_ID = 2 ** 63 - 1


def is_visitor(request) -> bool:
    """A real visitor's page request: a GET from a browser, not the static publisher's own render, not a bot,
    not a browser's speculative prefetch."""
    if request.method != "GET" or getattr(request, "is_static_render", False):
        return False
    agent = request.META.get("HTTP_USER_AGENT", "").lower()
    if not agent or any(marker in agent for marker in BOT_MARKERS):
        return False
    purpose = (request.META.get("HTTP_SEC_PURPOSE") or request.META.get("HTTP_PURPOSE") or "").lower()
    return "prefetch" not in purpose


def _item_id(pk) -> int | None:
    text = str(pk or "")
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def counted(view):
    """Count a view of the agency's site, and of the item when the URL names one, once the page has been
    served (200, from the cache or not): a missing, withdrawn or unpublished item, a bot or the publisher's
    own render is not a view, so no URL can add rows or poison the batch."""
    from gongkai.search.page_views import record_view

    @wraps(view)
    def wrapped(request, code, *args, **kwargs):
        response = view(request, code, *args, **kwargs)
        if response.status_code == 200 and is_visitor(request):
            agency_id = agency_id_for(code)
            if agency_id is not None:
                record_view(agency_id, _item_id(getattr(response, "counted_item_id", None)))
        return response

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
        # Hashed: an address can be long or odd, and cache servers take keys of 250 plain characters.
        page = hashlib.sha256(f"{request.get_host()}\n{request.get_full_path()}".encode()).hexdigest()
        key = f"portal:{generation()}:{get_language()}:{page}"
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
