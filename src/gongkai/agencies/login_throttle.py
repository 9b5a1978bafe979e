"""One lockout for every login door, counted in the database.

Every door (the staff login, the Django admin login, anything that checks a password) goes through
``django.contrib.auth.authenticate``, so the lockout lives in the authentication backend ``LockoutBackend``.
Each attempt is counted three ways (``LoginCounter`` rows):

- the account from this address (``GONGKAI_LOGIN_MAX_FAILURES``, default 5): someone guessing one password;
- the address, whatever the account (``GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS``, default 20): password
  spraying, one guess per account;
- the account, whatever the address (``GONGKAI_LOGIN_MAX_FAILURES_PER_ACCOUNT``, default 50): guessing from
  many addresses. Higher than the first, because a stranger could otherwise lock an officer out from
  everywhere; 0 turns a counter off.

When a counter reaches its limit the account/address is refused for ``GONGKAI_LOGIN_LOCKOUT_SECONDS``
(default 900) without its password being checked; counts are forgotten once that long passes without a
failure. An attempt is counted *before* its password is checked (one UPDATE, read back in the same
transaction), so attempts racing in several worker processes cannot all see "four so far". A correct password
gives the reservation back: it clears the account's counters and takes its one off the address's.

The address is ``gongkai.core.client_address.client_address``: X-Real-IP only from a trusted proxy.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, DateTimeField, F, Q, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from gongkai.agencies.models import LoginCounter
from gongkai.core.actors import Public, is_system
from gongkai.core.client_address import client_address
from gongkai.core.events import record_event

Scope = LoginCounter.Scope
LOCKED_ATTRIBUTE = "_gongkai_login_locked"


def _limits() -> dict[str, int]:
    return {
        Scope.PAIR: settings.GONGKAI_LOGIN_MAX_FAILURES,
        Scope.ADDRESS: settings.GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS,
        Scope.ACCOUNT: settings.GONGKAI_LOGIN_MAX_FAILURES_PER_ACCOUNT,
    }


def _window() -> dt.timedelta:
    return dt.timedelta(seconds=settings.GONGKAI_LOGIN_LOCKOUT_SECONDS)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _keys(username: str, address: str) -> dict[str, str]:
    name = username.strip().lower()
    return {
        Scope.PAIR: _digest("pair", name, address),
        Scope.ADDRESS: _digest("address", address),
        Scope.ACCOUNT: _digest("account", name),
    }


def lockout_minutes() -> int:
    return max(1, -(-settings.GONGKAI_LOGIN_LOCKOUT_SECONDS // 60))


@dataclass
class Attempt:
    username: str
    address: str
    account: object | None  # the user the name belongs to, when there is one
    rows: dict[str, LoginCounter] = field(default_factory=dict)
    refused: bool = False
    locked_scopes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {scope: row.failures for scope, row in self.rows.items()}


def _rows_for(attempt: Attempt) -> dict[str, LoginCounter]:
    limits = _limits()
    known = attempt.account.get_username() if attempt.account is not None else ""
    rows = {}
    for scope, key in _keys(attempt.username, attempt.address).items():
        if not limits[scope]:
            continue
        row, _ = LoginCounter.objects.get_or_create(
            scope=scope, key=key,
            defaults={
                "address": attempt.address if scope != Scope.ACCOUNT else "",
                "username": known if scope != Scope.ADDRESS else "",
            },
        )
        rows[scope] = row
    return rows


def begin_attempt(username: str, address: str) -> Attempt:
    """Count an attempt before its password is checked; ``refused`` when a counter is (or now goes) over."""
    User = get_user_model()
    account = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
    attempt = Attempt(username=username, address=address, account=account)
    now = timezone.now()
    rows = _rows_for(attempt)
    locked = [scope for scope, row in rows.items() if row.locked_until and row.locked_until > now]
    if locked:
        attempt.rows, attempt.refused, attempt.locked_scopes = rows, True, locked
        return attempt
    stale = Q(last_failure_at__isnull=True) | Q(last_failure_at__lt=now - _window())
    limits = _limits()
    with transaction.atomic():
        for row in rows.values():
            LoginCounter.objects.filter(pk=row.pk).update(
                failures=Case(When(stale, then=Value(1)), default=F("failures") + 1),
                last_failure_at=Case(When(stale, then=Value(now, output_field=DateTimeField())), default=F("last_failure_at")),
                locked_until=Case(When(stale, then=Value(None, output_field=DateTimeField())), default=F("locked_until")),
            )
        attempt.rows = {row.scope: row for row in LoginCounter.objects.filter(pk__in=[r.pk for r in rows.values()])}
    over = [scope for scope, row in attempt.rows.items() if row.failures > limits[scope]]
    if over:
        # Lost a race to other attempts: counted, refused unchecked, and the lock is started if not yet.
        attempt.refused = True
        attempt.locked_scopes = over
        _confirm_failure(attempt, now)
    return attempt


def _confirm_failure(attempt: Attempt, now: dt.datetime) -> list[str]:
    """Stamp the failure; start the lock on each counter that reached its limit. Returns the new locks."""
    limits = _limits()
    started = []
    for scope, row in attempt.rows.items():
        LoginCounter.objects.filter(pk=row.pk).update(last_failure_at=now)
        began = (
            LoginCounter.objects.filter(pk=row.pk, failures__gte=limits[scope])
            .exclude(locked_until__gt=now)
            .update(locked_until=now + _window())
        )
        if began:
            started.append(scope)
    return started


def fail_attempt(attempt: Attempt) -> list[str]:
    return _confirm_failure(attempt, timezone.now())


def succeed_attempt(attempt: Attempt) -> None:
    for scope, row in attempt.rows.items():
        rows = LoginCounter.objects.filter(pk=row.pk)
        if scope == Scope.ADDRESS:
            rows.update(failures=Greatest(F("failures") - 1, Value(0)))
        else:
            rows.update(failures=0, locked_until=None)


def login_locked(request) -> bool:
    """Whether the last ``authenticate`` on this request was refused or ended in a lock."""
    return bool(getattr(request, LOCKED_ATTRIBUTE, False))


def _record_failure(request, attempt: Attempt, *, reason: str, locks: list[str]) -> None:
    address_row = attempt.rows.get(Scope.ADDRESS) or next(iter(attempt.rows.values()), None)
    obj = attempt.account if attempt.account is not None else address_row
    if obj is None:
        return
    payload = {
        "address": attempt.address,
        "path": getattr(request, "path", ""),
        "reason": reason,
        "counts": attempt.counts,
        # The name typed is kept only when it is an account's: an unknown "name" may be a password.
        "username": attempt.account.get_username() if attempt.account is not None else "",
    }
    record_event(actor=Public, actor_label=attempt.address, obj=obj, action="account.login_failed", payload=payload)
    for scope in locks:
        record_event(
            actor=Public, actor_label=attempt.address, obj=obj, action="account.locked",
            payload={**payload, "scope": scope, "seconds": settings.GONGKAI_LOGIN_LOCKOUT_SECONDS},
        )


class LockoutBackend(ModelBackend):
    """``ModelBackend`` behind the lockout: AUTHENTICATION_BACKENDS lists only this."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        attempt = begin_attempt(str(username), client_address(request))
        if attempt.refused:
            if request is not None:
                setattr(request, LOCKED_ATTRIBUTE, True)
            _record_failure(request, attempt, reason="locked", locks=[])
            raise PermissionDenied("login locked")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            locks = fail_attempt(attempt)
            reason = "bad_credentials" if attempt.account is None or attempt.account.is_active else "inactive"
            _record_failure(request, attempt, reason=reason, locks=locks)
            if locks and request is not None:
                setattr(request, LOCKED_ATTRIBUTE, True)
            return None
        succeed_attempt(attempt)
        return user


def forget_stale_counters(now: dt.datetime | None = None) -> int:
    """Delete counters with no failure for a whole window and no lock running (the minute job)."""
    now = now or timezone.now()
    cutoff = now - _window()
    stale = LoginCounter.objects.filter(last_failure_at__lt=cutoff).exclude(locked_until__gt=now)
    deleted, _ = stale.delete()
    return deleted


def unlock(*, actor, counters) -> int:
    """Lift locks by hand (a superuser in the Django admin): the counters go, each with an event."""
    if not (is_system(actor) or actor.is_superuser):
        raise PermissionDenied("only superusers unlock logins")
    count = 0
    with transaction.atomic():
        for counter in list(counters):
            record_event(actor=actor, obj=counter, action="account.unlocked",
                         before={"failures": counter.failures, "locked_until": counter.locked_until},
                         payload={"scope": counter.scope, "username": counter.username, "address": counter.address})
            counter.delete()
            count += 1
    return count
