"""Opaque page cursors: the sort key of the last row seen, base64url-encoded, so clients pass them back as is."""

import base64
import binascii
import datetime as dt

from django.utils.translation import gettext as _

from gongkai.api.errors import bad_request


def encode(*parts) -> str:
    text = "|".join(p.isoformat() if isinstance(p, (dt.date, dt.datetime)) else str(p) for p in parts)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _parts(cursor: str, count: int) -> list[str]:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    parts = text.split("|")
    if len(parts) != count:
        raise bad_request("bad_cursor", _("分页游标无效：请使用上一页返回的 next_cursor。"), "query.cursor")
    return parts


def _id(value: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise ValueError(value)
    return int(value)


def date_and_id(cursor: str | None) -> tuple[dt.date, int] | None:
    if not cursor:
        return None
    on, pk = _parts(cursor, 2)
    try:
        return dt.date.fromisoformat(on), _id(pk)
    except ValueError:
        raise bad_request("bad_cursor", _("分页游标无效：请使用上一页返回的 next_cursor。"), "query.cursor") from None


def time_and_id(cursor: str | None) -> tuple[dt.datetime, int] | None:
    if not cursor:
        return None
    at, pk = _parts(cursor, 2)
    try:
        moment = dt.datetime.fromisoformat(at)
        if moment.tzinfo is None:
            raise ValueError(at)
        return moment, _id(pk)
    except ValueError:
        raise bad_request("bad_cursor", _("分页游标无效：请使用上一页返回的 next_cursor。"), "query.cursor") from None
