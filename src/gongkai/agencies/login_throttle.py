"""Lock an account+address pair out after repeated failed logins.

Counting both the username and the client address stops guessing one account from one place without
letting a stranger lock a real officer out from everywhere.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver

from gongkai.core.client_address import client_address


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username.lower()}|{address}".encode()).hexdigest()[:32]
    return f"login-failures:{digest}"


def is_locked(username: str, address: str) -> bool:
    return cache.get(_key(username, address), 0) >= settings.GONGKAI_LOGIN_MAX_FAILURES


def note_failure(username: str, address: str) -> int:
    key = _key(username, address)
    timeout = settings.GONGKAI_LOGIN_LOCKOUT_SECONDS
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def clear_failures(username: str, address: str) -> None:
    cache.delete(_key(username, address))


@receiver(user_login_failed)
def _on_failure(sender, credentials, request=None, **kwargs):
    note_failure(credentials.get("username", ""), client_address(request))


@receiver(user_logged_in)
def _on_success(sender, request, user, **kwargs):
    clear_failures(user.get_username(), client_address(request))
