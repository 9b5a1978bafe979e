"""The one answer to "may this user do this to this object?".

Objects answer the question through their agency: an Agency is its own agency; anything else exposes
``.agency`` (or ``.agency_id``). Superusers may do everything; anonymous users may do nothing here (what the
public may see is decided by each app's public selectors). The platform itself (``core.actors.System``) may do
everything; the public (``core.actors.Public``) holds no staff permission; ``None`` is refused (TypeError).
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from gongkai.agencies.domain.actors import TokenActor
from gongkai.agencies.domain.roles import SUBTREE_ROLES, Role, reaches, roles_for
from gongkai.agencies.models import Agency, Membership
from gongkai.core.actors import is_public, is_system, require_actor


def _agency_of(obj) -> Agency:
    if isinstance(obj, Agency):
        return obj
    agency = getattr(obj, "agency", None)
    if isinstance(agency, Agency):
        return agency
    raise TypeError(f"{type(obj).__name__} has no agency to decide permissions by")


def user_roles(user) -> list[tuple[Role, str, int]]:
    """(role, agency path, agency id) for each membership, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_gongkai_roles", None)
    if cached is None:
        cached = [
            (Role(role), path, agency_id)
            for role, path, agency_id in Membership.objects.filter(user=user, agency__is_active=True).values_list(
                "role", "agency__path", "agency_id"
            )
        ]
        user._gongkai_roles = cached
    return cached


def forget_roles(user) -> None:
    if hasattr(user, "_gongkai_roles"):
        del user._gongkai_roles


def can(user, action: str, obj) -> bool:
    require_actor(user)
    granting = roles_for(action)
    if is_system(user):
        return True
    if is_public(user):
        return False
    if isinstance(user, TokenActor):
        return user.may(action, _agency_of(obj).path)
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    target = _agency_of(obj)
    return any(
        role in granting and reaches(role, holder_path=path, target_path=target.path)
        for role, path, _ in user_roles(user)
    )


def agencies_where(user, action: str):
    """Agencies in which ``user`` may perform ``action`` (a queryset)."""
    require_actor(user)
    granting = roles_for(action)
    if is_system(user):
        return Agency.objects.all()
    if isinstance(user, TokenActor):
        if action not in user.permissions:
            return Agency.objects.none()
        return Agency.objects.filter(path__startswith=user.agency_path)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    query = Q(pk__in=[])
    for role, path, agency_id in user_roles(user):
        if role not in granting:
            continue
        query |= Q(path__startswith=path) if role in SUBTREE_ROLES else Q(pk=agency_id)
    return Agency.objects.filter(query)


def is_staff_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or user_roles(user)))
