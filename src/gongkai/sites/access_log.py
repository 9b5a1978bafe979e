"""Visits of the pages nginx serves itself from the static copy, read from its access log.

The log format is ``gongkai_visits`` in docs/nginx-gongkai.conf, one tab-separated line per request:

    $time_iso8601  $host  $remote_addr  $request_method  $uri  $status  $upstream_addr  $http_user_agent  $http_sec_purpose

Lines that nginx passed to the application (``$upstream_addr`` set) are skipped: the application counted
those itself. The file is read from where the last import stopped; a rotated log (new inode, or a file
shorter than the offset) is read from its start.
"""

import datetime as dt
import os
from collections import Counter

from django.conf import settings
from django.db import transaction

from gongkai.sites import routing, visits
from gongkai.sites.domain.visits import is_counted_visit, visitor_digest

FIELDS = 9
MAX_BYTES_PER_RUN = 64 * 1024 * 1024


def parse_line(line: str):
    """(day, host, address, user agent) of a counted visit, or None."""
    parts = line.rstrip("\n").split("\t")
    if len(parts) != FIELDS:
        return None
    at, host, address, method, uri, status, upstream, agent, purpose = parts
    if upstream not in ("", "-"):
        return None
    try:
        day = dt.datetime.fromisoformat(at).astimezone(dt.timezone(dt.timedelta(hours=8))).date()
        code = int(status)
    except ValueError:
        return None
    agent = "" if agent == "-" else agent
    if not is_counted_visit(method=method, status=code, path=uri, user_agent=agent,
                            purpose="" if purpose == "-" else purpose):
        return None
    return day, host, address, agent


def import_lines(lines, *, today: dt.date) -> int:
    """Count the visits of ``lines``; visitors only for days whose key still exists (today's)."""
    from gongkai.sites.models import DayKey

    views: Counter = Counter()
    marks = set()
    keys = {today: visits.day_key(today)}
    counted = 0
    for line in lines:
        parsed = parse_line(line)
        if parsed is None:
            continue
        day, host, address, agent = parsed
        route = routing.route_for_host(host)
        if route is None:
            continue
        views[(day, route.site_id)] += 1
        counted += 1
        if day not in keys:
            row = DayKey.objects.filter(day=day).first()
            keys[day] = bytes(row.key) if row else None
        if keys[day] is not None:
            marks.add((day, route.site_id, visitor_digest(key=keys[day], day=day.isoformat(),
                                                           site_id=route.site_id, address=address,
                                                           user_agent=agent)))
    if views:
        visits.add_visits(dict(views), marks)
    return counted


def import_access_log(path: str | None = None, *, today: dt.date | None = None) -> int:
    from gongkai.core.time import local_today
    from gongkai.sites.models import AccessLogPosition

    path = path or getattr(settings, "GONGKAI_NGINX_ACCESS_LOG", "")
    if not path or not os.path.exists(path):
        return 0
    today = today or local_today()
    with transaction.atomic():
        position, _ = AccessLogPosition.objects.select_for_update().get_or_create(path=path)
        stat = os.stat(path)
        offset = position.offset if position.inode == stat.st_ino and position.offset <= stat.st_size else 0
        with open(path, "rb") as handle:
            handle.seek(offset)
            data = handle.read(MAX_BYTES_PER_RUN)
        end = data.rfind(b"\n") + 1    # a line still being written waits for the next run
        lines = data[:end].decode("utf-8", "replace").splitlines()
        counted = import_lines(lines, today=today)
        position.inode, position.offset = stat.st_ino, offset + end
        position.save()
    return counted
