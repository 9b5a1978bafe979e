"""Entry checks for staff pages. What a user may touch inside a page is decided by each app's selectors."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

from gongkai.agencies.domain.roles import roles_for
from gongkai.agencies.policy import is_staff_member, user_roles
from gongkai.core.errors import NotAllowed

SUPERUSER = "superuser"   # an entry action of pages only platform superusers open


def may_open(user, action: str) -> bool:
    """The entry rule of a staff page that needs a role: the user holds a role granting ``action`` in some active
    agency (or is a superuser). The page's view refuses with ``require_open``; the navigation, the workbench and
    the buttons ask this same function, so a link is shown exactly to those the page lets in."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if action == SUPERUSER:
        return False
    granting = roles_for(action)
    return any(role in granting for role, _path, _agency_id in user_roles(user))


def require_open(user, action: str, message: str) -> None:
    if not may_open(user, action):
        raise PermissionDenied(message)


def staff_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied("不是工作人员账号")
        try:
            return view(request, *args, **kwargs)
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except ObjectDoesNotExist as exc:
            # A selector's .get() of an id that names nothing: not found (404), never a server error or a 403.
            raise Http404(str(exc)) from exc

    return wrapped
