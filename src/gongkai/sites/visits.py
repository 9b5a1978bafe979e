"""Counting the visits of each site's pages (网站总访问量) and its visitors (独立用户访问总量).

The application counts the pages it serves (the middleware), nginx's access log the pages nginx serves from
the static copy (``import_access_log``); the static publisher's own renders never pass the middleware. Counts
are kept in memory and written in one batch at most once a minute, like the page views of the catalog.

A visitor is a keyed hash of (day, site, address, browser): the key is drawn at random for the day, kept in
one row while the day lasts and deleted after it together with the day's hashes, leaving only the counts.
"""

import datetime as dt
import logging
import secrets
import threading
import time
from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import F

from gongkai.core.client_address import client_address
from gongkai.core.time import local_today
from gongkai.sites import routing
from gongkai.sites.domain.visits import is_counted_visit, visitor_digest

logger = logging.getLogger(__name__)
FLUSH_EVERY = 60.0
MAX_PENDING = 200_000
_lock = threading.Lock()
_views: Counter = Counter()
_marks: set = set()
_last_flush = time.monotonic()
_keys: dict = {}


def day_key(day: dt.date) -> bytes:
    """Today's random key, the same in every process (one row); yesterday's rows are gone."""
    from gongkai.sites.models import DayKey

    if day in _keys:
        return _keys[day]
    row = DayKey.objects.filter(day=day).first()
    if row is None:
        try:
            with transaction.atomic():
                DayKey.objects.filter(day__lt=day).delete()
                row = DayKey.objects.create(day=day, key=secrets.token_bytes(32))
        except IntegrityError:
            row = DayKey.objects.get(day=day)
    _keys.clear()
    _keys[day] = bytes(row.key)
    return _keys[day]


def record_visit(*, site_id: int, day: dt.date, address: str, user_agent: str) -> None:
    digest = visitor_digest(key=day_key(day), day=day.isoformat(), site_id=site_id, address=address,
                            user_agent=user_agent)
    with _lock:
        if len(_marks) < MAX_PENDING:
            _views[(day, site_id)] += 1
            _marks.add((day, site_id, digest))
        due = time.monotonic() - _last_flush >= FLUSH_EVERY
    if due:
        try:
            flush_visits()
        except Exception:   # counting never breaks the visitor's page
            logger.exception("site visits: flush failed")


def count_request(request, response) -> None:
    """Count a page the application served to a person, for the site it belongs to."""
    try:
        agent = request.META.get("HTTP_USER_AGENT", "")
        purpose = request.META.get("HTTP_SEC_PURPOSE") or request.META.get("HTTP_PURPOSE") or ""
        if getattr(request, "is_static_render", False) or not is_counted_visit(
                method=request.method, status=response.status_code, path=request.path, user_agent=agent,
                purpose=purpose):
            return
        route = getattr(request, "site_route", None)
        if route is None:
            match = getattr(request, "resolver_match", None)
            code = match.kwargs.get("code") if match else None
            route = routing.route_for_agency_code(code) if code else None
        if route is None:
            return
        record_visit(site_id=route.site_id, day=local_today(), address=client_address(request), user_agent=agent)
    except Exception:
        logger.exception("site visits: not counted")


def take_pending() -> tuple[dict, set]:
    global _last_flush
    with _lock:
        views, marks = dict(_views), set(_marks)
        _views.clear()
        _marks.clear()
        _last_flush = time.monotonic()
    return views, marks


@transaction.atomic
def add_visits(views: dict, marks: set) -> int:
    """Write counts {(day, site_id): views} and visitor hashes; a visitor adds one only the first time that day."""
    from gongkai.sites.models import Site, SiteVisitDay, VisitorMark

    known = set(Site.objects.filter(pk__in={s for _d, s in views}).values_list("pk", flat=True))
    new_visitors: Counter = Counter()
    for day, site_id, digest in sorted(marks):
        if site_id not in known:
            continue
        try:
            with transaction.atomic():
                VisitorMark.objects.create(site_id=site_id, day=day, digest=digest)
        except IntegrityError:
            continue
        new_visitors[(day, site_id)] += 1
    written = 0
    for (day, site_id), n in sorted(views.items()):
        if site_id not in known:
            continue
        rows = SiteVisitDay.objects.filter(site_id=site_id, day=day)
        added = new_visitors[(day, site_id)]
        if not rows.update(views=F("views") + n, visitors=F("visitors") + added):
            try:
                with transaction.atomic():
                    SiteVisitDay.objects.create(site_id=site_id, day=day, views=n, visitors=added)
            except IntegrityError:
                rows.update(views=F("views") + n, visitors=F("visitors") + added)
        written += 1
    return written


def flush_visits() -> int:
    views, marks = take_pending()
    if not views:
        return 0
    try:
        return add_visits(views, marks)
    except Exception:
        with _lock:   # a locked or lost database: the counts wait for the next flush
            for key, n in views.items():
                _views[key] += n
            _marks.update(marks)
        raise


def forget_past_days(today: dt.date | None = None) -> int:
    """Delete the hashes and keys of days that are over: only the counts stay."""
    from gongkai.sites.models import DayKey, VisitorMark

    today = today or local_today()
    deleted, _ = VisitorMark.objects.filter(day__lt=today).delete()
    DayKey.objects.filter(day__lt=today).delete()
    for day in [d for d in _keys if d < today]:
        _keys.pop(day, None)
    return deleted
