"""Who calls: an integration with a token (``Authorization: Bearer gk_…``) or a staff member's session.

Token calls need no CSRF token (no browser sends the header by itself); session writes do, as the back office's
forms. Reads are public; a credential on a read still counts against its own rate limit. Calls are limited per
token (per session user, or per client address without a credential) in fixed windows kept in Django's cache,
so every worker process of a deployment with a shared cache (Redis) counts together.
"""

import threading
import time

from django.conf import settings
from django.core.cache import cache
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import BaseThrottle

from gongkai.agencies.api_tokens import authenticate_token
from gongkai.agencies.domain.actors import TokenActor
from gongkai.agencies.policy import is_staff_member
from gongkai.core.client_address import client_address


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        actor = authenticate_token(token)
        if actor is None:
            # A token that is wrong is a 401 at once, never a fall-through to the session.
            raise AuthenticationError()
        return actor


class StaffSession(APIKeyCookie):
    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated and is_staff_member(user) else None


WRITE_AUTH = [TokenAuth(), StaffSession()]


def optional_actor(request):
    """The caller of a public read, when it says who it is (for the rate limit); None for the public."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        actor = authenticate_token(header[7:].strip())
        if actor is None:
            raise AuthenticationError()
        return actor
    return None


def _ident(request) -> str:
    actor = getattr(request, "auth", None) or getattr(request, "_api_actor", None)
    if isinstance(actor, TokenActor):
        return f"token:{actor.prefix}"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"addr:{client_address(request)}"


class WindowThrottle(BaseThrottle):
    """At most ``GONGKAI_API_RATE_LIMIT`` calls per ``GONGKAI_API_RATE_WINDOW`` seconds per caller."""

    # ninja asks ``wait()`` right after ``allow_request()`` on the same thread; one instance serves all threads.
    _local = threading.local()

    def allow_request(self, request) -> bool:
        if getattr(request, "auth", None) is None and request.headers.get("Authorization"):
            try:
                request._api_actor = optional_actor(request)
            except AuthenticationError:
                # ninja does not route a throttle's exceptions to the handlers: refuse here, and the handler of
                # ``Throttled`` answers 401 for a request marked so (gongkai.api.errors).
                request._api_bad_token = True
                return False
        limit, window = settings.GONGKAI_API_RATE_LIMIT, settings.GONGKAI_API_RATE_WINDOW
        if limit <= 0:
            return True
        now = time.time()
        slot = int(now // window)
        key = f"gongkai:api-rate:{_ident(request)}:{slot}"
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:   # the entry expired between add and incr
            cache.add(key, 1, timeout=window + 1)
            count = 1
        self._local.wait = (slot + 1) * window - now
        return count <= limit

    def wait(self):
        return max(1, int(getattr(self._local, "wait", 1) + 0.999))
