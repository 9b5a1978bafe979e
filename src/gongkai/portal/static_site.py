"""Static publication: the public pages an item appears on, rendered to HTML files in the ``site`` storage
(gongkai.core.file_storage: by default settings.GONGKAI_STATIC_SITE_DIR) so nginx (docs/nginx-gongkai.conf)
can serve the portal without the app.

A page at /gk/wsjkq/items/12/ becomes gk/wsjkq/items/12/index.html; sitemap.xml stays sitemap.xml; a site's
own copy goes under sites/<domain>/ (site_publication.py). Withdrawn items' files are removed (nginx then asks
the app, which answers 410).
"""

import logging
import posixpath
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

from gongkai.core.file_storage import replace, site_storage

logger = logging.getLogger(__name__)


def site_dir() -> Path:
    """Where the site storage keeps the pages when it is the file system (what the commands print)."""
    return Path(settings.GONGKAI_STATIC_SITE_DIR)


def page_name(path: str, prefix: str = "") -> str:
    """The storage name of a public page: ``/gk/x/items/1/`` -> ``gk/x/items/1/index.html`` (under ``prefix``,
    a site's own directory ``sites/<domain>/``)."""
    relative = path.lstrip("/")
    if not relative or relative.endswith("/"):
        relative += "index.html"
    name = posixpath.normpath(posixpath.join(prefix, relative))
    if name.startswith(("../", "/")) or name == ".." or (prefix and not name.startswith(prefix)):
        raise ValueError(f"path outside the static site: {path}")
    return name


def file_for(path: str, prefix: str = "") -> Path:
    """The local file of a page, with the site storage on the file system (the default)."""
    return Path(site_storage().path(page_name(path, prefix)))


def page_exists(path: str, prefix: str = "") -> bool:
    return site_storage().exists(page_name(path, prefix))


def remove_page(path: str, prefix: str = "") -> bool:
    """Remove a page's static copy; True when there was one."""
    storage, name = site_storage(), page_name(path, prefix)
    if not storage.exists(name):
        return False
    storage.delete(name)
    return True


def render_path(path: str, route=None) -> tuple[int, bytes]:
    """Render a public page; with a site's ``route``, as served on that site's canonical host name."""
    host = route.canonical if route else (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".")
    request = RequestFactory().get(path, HTTP_HOST=host)
    request.site_route = route
    request.user = AnonymousUser()
    request.is_static_render = True   # the publisher's own render: not a page view (portal/page_cache.py)
    request.session = {}
    request.COOKIES = {}
    match = resolve(path)
    with translation.override(settings.LANGUAGE_CODE):
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    return response.status_code, response.content


def write_path(path: str, route=None, prefix: str = "", target_path: str | None = None) -> bool:
    """Render one public page and write it whole (atomically on the file system); a page that is not 200 is
    removed instead.

    For a site (``route``), the page goes under the site's own directory ``prefix`` at ``target_path``."""
    name = page_name(target_path or path, prefix)
    status, content = render_path(path, route)
    if status != 200:
        remove_page(target_path or path, prefix)
        return False
    replace(site_storage(), name, content)
    return True


def pages_for_agency(agency) -> list[str]:
    """The column and list pages of an agency and of every agency above it (their lists include it)."""
    from gongkai.agencies.selectors import public_agencies

    ids = [int(p) for p in agency.path.split("/") if p]
    paths = [reverse("portal:home"), reverse("portal:sitemap")]
    for code in public_agencies().filter(pk__in=ids).values_list("code", flat=True):
        for name in ("site", "statutory", "catalog", "rules"):
            paths.append(reverse(f"portal:{name}", kwargs={"code": code}))
        for feed in ("feed_atom", "feed_json"):
            try:
                paths.append(reverse(f"portal:{feed}", kwargs={"code": code}))
            except Exception:  # the feeds area may not define this feed
                continue
    return paths


def batched() -> bool:
    return getattr(settings, "GONGKAI_STATIC_PUBLISH", "immediate") == "batched"


def remove_stale_pages(item, *, withdrawn: bool = False) -> int:
    """Batched publication: remove the static copies of the pages a publication changed (nginx then passes
    them to the application, which serves them fresh); ``write_missing_site_pages`` writes them again on the
    next tick, each page once however many of its site's items were published in the minute."""
    paths = [reverse("portal:item", kwargs={"code": item.agency.code, "pk": item.pk}), *pages_for_agency(item.agency)]
    return sum(remove_page(path) for path in paths)


def site_pages(agency_code: str) -> list[str]:
    pages = [reverse(f"portal:{name}", kwargs={"code": agency_code})
             for name in ("site", "guide", "rules", "statutory", "catalog")]
    for feed in ("feed_atom", "feed_json"):
        try:
            pages.append(reverse(f"portal:{feed}", kwargs={"code": agency_code}))
        except Exception:  # the feeds area may not define this feed
            continue
    return pages


def write_missing_site_pages(*, limit: int) -> int:
    """Write the home page, the sitemap and the column pages of every site that have no static file (removed
    by a batched publication, or never written), at most ``limit``; item pages: ``write_missing_item_pages``."""
    from gongkai.agencies.selectors import public_agencies

    written = 0
    paths = [reverse("portal:home"), reverse("portal:sitemap")]
    codes = list(public_agencies().order_by("path").values_list("code", flat=True))
    for path in (*paths, *(p for code in codes for p in site_pages(code))):
        if written >= limit:
            break
        if page_exists(path):
            continue
        try:
            written += write_path(path)
        except Exception:
            logger.exception("static publication of %s failed", path)
    return written


def publish_item_pages(item, *, withdrawn: bool = False) -> int:
    """Write (or, when withdrawn, remove) the item page and rewrite the pages that list it."""
    written = 0
    item_path = reverse("portal:item", kwargs={"code": item.agency.code, "pk": item.pk})
    if withdrawn:
        remove_page(item_path)
    else:
        written += write_path(item_path)
    for path in pages_for_agency(item.agency):
        try:
            written += write_path(path)
        except Exception:
            logger.exception("static publication of %s failed", path)
    return written


def _in_chunks(rows, size: int = 500):
    """Rows read a chunk at a time with no cursor left open while pages render: on SQLite an open read
    statement pins a snapshot, and a write on the same connection after another process committed fails at
    once with "database is locked", whatever the busy timeout."""
    start = 0
    while True:
        chunk = list(rows[start:start + size])
        yield from chunk
        if len(chunk) < size:
            return
        start += size


def write_missing_item_pages(*, limit: int) -> int:
    """Write the pages of published items that have no static file yet, newest first, at most ``limit``."""
    from gongkai.catalog.selectors import public_items

    written = 0
    for code, pk in _in_chunks(public_items().order_by("-published_on", "-id").values_list("agency__code", "pk")):
        if written >= limit:
            break
        path = reverse("portal:item", kwargs={"code": code, "pk": pk})
        if page_exists(path):
            continue
        try:
            written += write_path(path)
        except Exception:
            logger.exception("static publication of %s failed", path)
    return written


def publish_columns(*, under: str = "") -> int:
    """Write the home page, the sitemap and every agency's column pages (of the agencies under the path
    ``under`` only, when given)."""
    from gongkai.agencies.selectors import public_agencies

    written = write_path(reverse("portal:home")) + write_path(reverse("portal:sitemap"))
    for agency in public_agencies().filter(path__startswith=under):
        for name in ("site", "guide", "rules", "statutory", "catalog"):
            written += write_path(reverse(f"portal:{name}", kwargs={"code": agency.code}))
    return written


def item_chunks(size: int, *, under: str = "") -> list[tuple[int, int]]:
    """The published items' ids (of the agencies under the path ``under``) cut into ranges of about ``size``
    items, for the chunks of a republication (portal.republish) that several workers share."""
    from gongkai.catalog.selectors import public_items
    from gongkai.core.sweeps import id_ranges

    ids = public_items().filter(agency__path__startswith=under).order_by("pk").values_list("pk", flat=True)
    return id_ranges(ids.iterator(chunk_size=10_000), size)


def write_item_pages_between(first_pk: int, last_pk: int, *, under: str = "") -> int:
    """Write the pages of the published items with ids from ``first_pk`` to ``last_pk`` (of the agencies under
    the path ``under``; a chunk, idempotent)."""
    from gongkai.catalog.selectors import public_items

    written = 0
    rows = (public_items().filter(pk__gte=first_pk, pk__lte=last_pk, agency__path__startswith=under)
            .order_by("pk").values_list("agency__code", "pk"))
    for code, pk in _in_chunks(rows):
        written += write_path(reverse("portal:item", kwargs={"code": code, "pk": pk}))
    return written


def publish_all(on_progress=None) -> int:
    """Write every public page (``gongkai portal publish``): columns of every agency, every item, sitemap.
    ``on_progress(done, total)`` counts pages: the columns first, then the items as they are written."""
    from gongkai.agencies.selectors import public_agencies
    from gongkai.catalog.selectors import public_items

    rows = public_items().order_by("pk").values_list("agency__code", "pk")
    columns = 2 + 5 * public_agencies().count() if on_progress else 0
    total = columns + rows.count() if on_progress else 0
    written = publish_columns()
    if on_progress:
        on_progress(columns, total)
    for done, (code, pk) in enumerate(_in_chunks(rows), columns + 1):
        written += write_path(reverse("portal:item", kwargs={"code": code, "pk": pk}))
        if on_progress and done % 50 == 0:
            on_progress(done, total)
    if on_progress:
        on_progress(total, total)
    return written
