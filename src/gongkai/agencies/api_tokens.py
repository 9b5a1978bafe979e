"""API tokens: the only writers (issue, revoke, mark used) and readers of ``ApiToken``.

A token reads ``gk_<prefix>_<secret>``; the prefix finds the row, the SHA-256 of the whole token is compared in
constant time. Issuing and revoking are recorded events on the agency the token acts for.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.domain.actors import TokenActor
from gongkai.agencies.domain.roles import PERMISSIONS
from gongkai.agencies.models import Agency, ApiToken
from gongkai.agencies.policy import agencies_where, can
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import record_event

MANAGE = "agency.manage"
PREFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
# last_used_at is written at most once a minute per token: a busy integration does not write on every call.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_token() -> tuple[str, str]:
    prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(8))
    return prefix, f"gk_{prefix}_{secrets.token_urlsafe(32)}"


def _require(actor, obj) -> None:
    if not can(actor, MANAGE, obj):
        raise NotAllowed(_("您无权管理接口令牌"), action=MANAGE)


def _clean_permissions(permissions) -> list[str]:
    chosen = sorted({str(p).strip() for p in permissions if str(p).strip()})
    unknown = [p for p in chosen if p not in PERMISSIONS]
    if unknown:
        raise ValidationFailed(_("未知的权限：%(unknown)s"), code="agencies.unknown_permission", field="permissions", unknown=unknown)
    return chosen


@transaction.atomic
def issue_token(*, actor, agency: Agency, name: str, permissions, expires_at: dt.datetime | None = None,
                reason: str = "") -> tuple[ApiToken, str]:
    """A new token and its secret text, which is shown once and never stored."""
    _require(actor, agency)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationFailed(_("请填写令牌名称（不超过100字）。"), code="agencies.required", field="name")
    chosen = _clean_permissions(permissions)
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed(_("有效期应晚于现在。"), code="agencies.expired", field="expires_at")
    for _attempt in range(5):
        prefix, secret = _new_token()
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    token = ApiToken.objects.create(
        name=name, prefix=prefix, digest=digest_of(secret), agency=agency, permissions=chosen,
        expires_at=expires_at, created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_event(actor=actor, obj=agency, action="api_token.issued", reason=reason,
                 payload={"token": prefix, "name": name, "permissions": chosen, "expires_at": expires_at})
    return token, secret


@transaction.atomic
def revoke_token(*, actor, token: ApiToken, reason: str = "") -> ApiToken:
    token = ApiToken.objects.select_for_update().select_related("agency").get(pk=token.pk)
    _require(actor, token.agency)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        record_event(actor=actor, obj=token.agency, action="api_token.revoked", reason=reason,
                     payload={"token": token.prefix, "name": token.name})
    return token


def manageable_tokens(user) -> QuerySet[ApiToken]:
    return (ApiToken.objects.filter(agency__in=agencies_where(user, MANAGE))
            .select_related("agency", "created_by").order_by("-created_at", "-id"))


def manageable_token(user, pk: int) -> ApiToken:
    """The token if ``user`` may manage it; ``ApiToken.DoesNotExist`` / NotAllowed otherwise."""
    token = ApiToken.objects.select_related("agency").get(pk=pk)
    _require(user, token.agency)
    return token


def token_by_prefix(prefix: str) -> ApiToken:
    return ApiToken.objects.select_related("agency").get(prefix=prefix)


def authenticate_token(secret: str) -> TokenActor | None:
    """The actor of a valid token (not revoked, not expired, agency active); None for anything else."""
    parts = (secret or "").split("_")
    if len(parts) < 3 or parts[0] != "gk" or len(parts[1]) != 8:
        return None
    token = ApiToken.objects.select_related("agency").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.digest, digest_of(secret)):
        return None
    now = timezone.now()
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if not token.agency.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return TokenActor(token_id=token.pk, prefix=token.prefix, name=token.name, agency_id=token.agency_id,
                      agency_path=token.agency.path, permissions=frozenset(token.permissions))


def token_state(token: ApiToken, *, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"
