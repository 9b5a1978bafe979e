"""The sort key: publication day and document number in one integer, so "newest first" is index order."""

import datetime as dt

DAY = 10**9
_EPOCH = dt.date(1970, 1, 1).toordinal()


def sort_key(published_on: dt.date | None, doc_id: int) -> int:
    if doc_id < 0 or doc_id >= DAY:
        raise ValueError("document number out of range")
    days = (published_on.toordinal() - _EPOCH) if published_on else 0
    return max(days, 0) * DAY + doc_id


def year_range(year_from: int | None, year_to: int | None) -> tuple[int | None, int | None]:
    low = sort_key(dt.date(year_from, 1, 1), 0) if year_from else None
    high = sort_key(dt.date(year_to, 12, 31), DAY - 1) if year_to else None
    return low, high
