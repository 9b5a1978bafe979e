"""Legal dates are dates in Asia/Shanghai (the configured TIME_ZONE), never the server's UTC date."""

import datetime as dt

from django.utils import timezone


def local_now() -> dt.datetime:
    return timezone.localtime(timezone.now())


def local_today() -> dt.date:
    return local_now().date()


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()
