"""Entry checks for staff pages. What a user may touch inside a page is decided by each app's selectors."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

from gongkai.agencies.policy import is_staff_member
from gongkai.core.errors import NotAllowed


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
