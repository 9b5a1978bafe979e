"""Readers of agencies for other apps and the interfaces."""

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import agencies_where, can
from gongkai.core.errors import NotAllowed
from gongkai.core.events import events_for


def public_agencies():
    return Agency.objects.filter(is_active=True)


PUBLIC_AGENCY_CHOICES = "agencies:public-choices"


def public_agency_choices() -> list[tuple[str, str]]:
    """(code, name) of every public agency in the tree's order: the agency list of search forms, read from the
    shared cache (``gongkai.core.cached_lists``; dropped when an agency is saved)."""
    from gongkai.core.cached_lists import cached_list

    def build():
        return [(a.code, a.display_name) for a in
                public_agencies().only("code", "name", "short_name").order_by("path", "sort_order")]

    return cached_list(PUBLIC_AGENCY_CHOICES, build)


def agency_by_code(code: str) -> Agency:
    return Agency.objects.get(code=code, is_active=True)


def subtree(agency: Agency, *, include_self: bool = True):
    qs = Agency.objects.filter(path__startswith=agency.path, is_active=True)
    return qs if include_self else qs.exclude(pk=agency.pk)


def children(agency: Agency):
    return agency.children.filter(is_active=True).order_by("sort_order", "id")


def visible_agencies(user):
    return agencies_where(user, "agency.view")


def access_agency(user, code: str, action: str = "agency.view") -> Agency:
    agency = Agency.objects.get(code=code)
    if not can(user, action, agency):
        raise NotAllowed(_("您无权查看该机构"), action=action)
    return agency


def history(user, obj, *, action: str = "history.view"):
    """Events of ``obj`` for a user who may see the object's agency."""
    if not can(user, action, obj):
        raise NotAllowed(_("您无权查看该对象的历史记录"))
    return events_for(obj)


def own_account_events(user, *, limit: int = 20):
    """The latest events of the user's own account (logins, failures, password and role changes)."""
    return list(events_for(user).order_by("-at", "-id")[:limit])


ACCOUNT_ACTION_PREFIXES = ("account.", "user.", "membership.")


def account_audit_events(user, *, limit: int = 200):
    """Account and role events of every account, for superusers (the security audit)."""
    from django.db.models import Q

    from gongkai.core.models import Event

    if not (getattr(user, "is_authenticated", False) and user.is_superuser):
        raise NotAllowed(_("只有平台管理员可以查看账号安全日志"))
    where = Q()
    for prefix in ACCOUNT_ACTION_PREFIXES:
        where |= Q(action__startswith=prefix)
    return list(Event.objects.filter(where).order_by("-at", "-id")[:limit])


def agency_names(ids) -> dict[int, str]:
    """id -> the short name (or the name) of each agency in ``ids``: the row labels of tables and charts."""
    return {a.pk: a.short_name or a.name
            for a in Agency.objects.filter(pk__in=list(ids)).only("pk", "name", "short_name")}


def memberships_of(user) -> list[tuple[Agency, str]]:
    """(agency, role code) of each role ``user`` holds, in the tree's order: the workbench's "your roles"."""
    from gongkai.agencies.models import Membership

    return [(m.agency, m.role) for m in
            Membership.objects.filter(user=user).select_related("agency").order_by("agency__path", "role")]


def agency_for_edit(agency: Agency) -> Agency:
    """A fresh copy of ``agency`` for a form to change (the caller's copy stays as it was read)."""
    return Agency.objects.get(pk=agency.pk)


def agency_by_id(pk) -> Agency | None:
    """The agency a piece of background work names by id (None when it is gone or no id was given)."""
    return Agency.objects.filter(pk=pk).first() if pk else None
