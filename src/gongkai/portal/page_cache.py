"""Rendered public pages cached in the application, invalidated by what a publication changes, nothing else.

A page's cache key is composed of the generations of the scopes it shows (ADR 0011, issue: site cluster §5):
``item:<id>`` for an item page, ``site:<code>`` for a site's column and list pages and its feeds, ``cluster``
for the pages that aggregate every site (the portal home, sitemap.xml), and ``all`` in every key (a full
republication, ``gongkai portal publish``). A publication bumps the item, the item's site and every site above
it (their lists aggregate it), the cluster, and the items whose pages link to it: the cached pages of the other
sites stay warm, however many publications a minute the cluster makes.

Where the generations live:
- with a cache shared by every process (Redis: ``GONGKAI_REDIS_URL``) in that cache, so every app server sees a
  publication at once;
- with a per-process cache (the embedded default) in the modification times of files under
  ``GONGKAI_STATIC_SITE_DIR/.generations`` (one stat per scope per request), which every process on the
  machine sees at once — the timer process publishes scheduled items for the web workers too.
A generation is a time in microseconds (never lower than the one before), so a reader can tell a scope that
changed a moment ago and render it from the primary database, not from a replica that may lag behind.
"""

import hashlib
import inspect
import os
import time
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from gongkai.core.db_router import reads_from_primary, replica_window_seconds

TIMEOUT = 600
CACHE_HEADER = "X-Page-Cache"   # "hit" or "miss", for nginx's log and the cluster benchmark
EVERYTHING = "all"
CLUSTER = "cluster"
ITEM_BUCKETS = 4096   # embedded mode: item generations share this many files (one publication drops 1/4096)
LOCAL_CACHES = ("LocMemCache", "DummyCache", "FileBasedCache")


def item_scope(pk) -> str:
    return f"item:{pk}"


def site_scope(code: str) -> str:
    return f"site:{code}"


def _shared_cache() -> bool:
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1] not in LOCAL_CACHES


def _now_us() -> int:
    return time.time_ns() // 1000


# -- generations kept in the shared cache ---------------------------------------------------------------------

def _cache_key(scope: str) -> str:
    return f"portal-generation:{scope}"


def _cache_read(scopes: list[str]) -> list[int]:
    found = cache.get_many([_cache_key(s) for s in scopes])
    return [int(found.get(_cache_key(s), 0)) for s in scopes]


def _cache_bump(scopes: list[str]) -> None:
    # Each new value is the time, and above the old one: unique, so a page cached under an older value is never
    # served again. Two publishers racing on one scope both leave a value newer than every page rendered
    # before their commits (each sets after its own commit).
    old = _cache_read(scopes)
    now = _now_us()
    cache.set_many({_cache_key(s): max(now, o + 1) for s, o in zip(scopes, old, strict=True)}, timeout=None)


# -- generations kept in file modification times (per-process caches) ------------------------------------------

def _stamp_dir() -> Path:
    return Path(settings.GONGKAI_STATIC_SITE_DIR) / ".generations"


def _stamp_file(scope: str) -> Path:
    if scope == EVERYTHING:
        return Path(settings.GONGKAI_STATIC_SITE_DIR) / ".generation"
    kind, _, name = scope.partition(":")
    if kind == "item":
        name = str(int(name) % ITEM_BUCKETS) if name.isdigit() else "0"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return _stamp_dir() / f"{kind}-{safe}"


def _file_read(scopes: list[str]) -> list[int]:
    values = []
    for scope in scopes:
        try:
            values.append(os.stat(_stamp_file(scope)).st_mtime_ns // 1000)
        except FileNotFoundError:
            values.append(0)
    return values


def _file_bump(scopes: list[str]) -> None:
    for scope in scopes:
        path = _stamp_file(scope)
        path.parent.mkdir(parents=True, exist_ok=True)
        old = _file_read([scope])[0]
        path.write_text(str(os.getpid()))
        stamp = max(_now_us(), old + 1) * 1000
        os.utime(path, ns=(stamp, stamp))


def generations(scopes: Iterable[str]) -> list[int]:
    scopes = list(scopes)
    return _cache_read(scopes) if _shared_cache() else _file_read(scopes)


def generation() -> int:
    """The generation of everything (a full republication)."""
    return generations([EVERYTHING])[0]


def invalidate(*scopes: str) -> None:
    """Drop the cached pages of these scopes (all pages when none is given)."""
    scopes = sorted(set(scopes or (EVERYTHING,)))
    if _shared_cache():
        _cache_bump(scopes)
    else:
        _file_bump(scopes)


BULK_ITEMS = 500   # a larger publication at once (an import) drops every cached page instead


def publication_scopes(items: list) -> set[str]:
    """What shows these items: their pages, the pages of the items that link to them, the lists and home of
    their sites and of every site above (they aggregate them), their feeds, and the cluster's home and sitemap."""
    from gongkai.agencies.selectors import public_agencies
    from gongkai.catalog.selectors import public_links

    agencies = {item.agency_id: item.agency for item in items}
    ids = {int(p) for agency in agencies.values() for p in agency.path.split("/") if p}
    codes = set(public_agencies().filter(pk__in=ids).values_list("code", flat=True))
    codes |= {agency.code for agency in agencies.values()}
    pks = [item.pk for item in items]
    linked = {item.interprets_id for item in items if item.interprets_id}
    linked |= set(public_links(interprets_id__in=pks).values_list("pk", flat=True))
    linked |= set(public_links(abolished_by_id__in=pks).values_list("pk", flat=True))
    return {CLUSTER, *(item_scope(pk) for pk in {*pks, *linked}), *(site_scope(code) for code in codes)}


def invalidate_publication(items: Iterable) -> None:
    items = list(items)
    if len(items) > BULK_ITEMS:
        invalidate()
    elif items:
        invalidate(*publication_scopes(items))


_agency_ids: dict[str, int] = {}
_agency_ids_loaded = (-1, 0.0)
AGENCY_IDS_RELOAD_SECONDS = 60


def agency_id_for(code: str) -> int | None:
    """The id of an active agency by code, remembered until a full republication or a change of any agency
    (the agencies' list version of ``gongkai.core.cached_lists``), or a minute for a code that was missing."""
    global _agency_ids, _agency_ids_loaded
    from gongkai.agencies.selectors import PUBLIC_AGENCY_CHOICES, public_agencies
    from gongkai.core.cached_lists import version

    stamp = (generation(), version(PUBLIC_AGENCY_CHOICES))
    stale = stamp != _agency_ids_loaded[0] or (
        code not in _agency_ids and time.monotonic() - _agency_ids_loaded[1] > AGENCY_IDS_RELOAD_SECONDS)
    if stale:
        _agency_ids = dict(public_agencies().values_list("code", "id"))
        _agency_ids_loaded = (stamp, time.monotonic())
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


def page_scopes(kwargs: dict) -> list[str]:
    """The scopes a page shows, from its URL: an item page its item, a site's page (columns, lists, feeds) the
    site, a page of no site (home, sitemap) the whole cluster."""
    if "code" in kwargs and "pk" in kwargs:
        return [item_scope(kwargs["pk"])]
    if "code" in kwargs:
        return [site_scope(kwargs["code"])]
    return [CLUSTER]


def cached_page(view=None, *, scopes: Callable[[dict], list[str]] | None = None):
    """Cache the response of a public GET for every visitor (the pages carry no per-visitor data), under a key
    composed of the generations of the scopes the page shows (``scopes(kwargs)``, by default from the URL)."""
    if view is None:
        return lambda fn: cached_page(fn, scopes=scopes)
    scopes_of = scopes or page_scopes
    # URL arguments may come by position (``counted`` passes the code so): name them after the view's own.
    names = list(inspect.signature(view).parameters)[1:]

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if _bypasses_cache(request):
            return view(request, *args, **kwargs)
        shown = [EVERYTHING, *scopes_of({**dict(zip(names, args, strict=False)), **kwargs})]
        stamps = generations(shown)
        # Hashed: an address can be long or odd, and cache servers take keys of 250 plain characters.
        page = hashlib.sha256(f"{request.get_host()}\n{request.get_full_path()}".encode()).hexdigest()
        key = f"portal:{get_language()}:{page}:{'.'.join(map(str, stamps))}"
        cached = cache.get(key)
        if cached is not None:
            cached[CACHE_HEADER] = "hit"
            return cached
        # A scope changed a moment ago: a replica may not have the change yet, and what is rendered now is
        # kept until the next change. Render it from the primary.
        if changed_recently(stamps):
            with reads_from_primary():
                response = view(request, *args, **kwargs)
                _render(response)
        else:
            response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            _render(response)
            cache.set(key, response, TIMEOUT)
        response[CACHE_HEADER] = "miss"
        return response

    return wrapped


def changed_recently(stamps: list[int]) -> bool:
    """Whether one of these generations is younger than a replica's lag: what is read now and kept until the
    next change should be read from the primary database."""
    return _now_us() - max(stamps) < replica_window_seconds() * 1_000_000


def _render(response) -> None:
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
