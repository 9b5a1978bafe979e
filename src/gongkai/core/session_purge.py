"""Expired sessions leave the database: a signed-out officer's or a mailbox writer's session row (it holds the
tracking code and the private link of the letter just sent) is deleted about an hour after it expired.

Django never deletes expired session rows by itself (``clearsessions`` is left to the deployment). The minute
timer asks, with one indexed query, whether a session has been expired for more than an hour, and only then
calls ``SessionStore.clear_expired()``. A purge removes every expired row, so the next one cannot come before a
session that expired after it has been expired an hour: at most one purge an hour, with no state of its own,
whichever process or server runs the timer. Cache and cookie sessions expire by themselves (nothing to do).
"""

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from gongkai.core.timed import register_timed_job

GRACE = dt.timedelta(hours=1)


@register_timed_job("core.purge_expired_sessions", "删除已过期的会话（至多每小时一次）")
def purge_expired_sessions() -> int:
    """Delete expired sessions when one has been expired for over an hour; returns how many were deleted."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):   # not kept in the database
        return 0
    sessions = store.get_model_class().objects
    now = timezone.now()
    if not sessions.filter(expire_date__lt=now - GRACE).exists():
        return 0
    expired = sessions.filter(expire_date__lt=now).count()
    store.clear_expired()
    return expired
