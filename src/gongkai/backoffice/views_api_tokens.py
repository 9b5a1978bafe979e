"""API tokens for administrators: issue (the token is shown once, on the answer to the form), list, revoke.

An administrator issues tokens for the agencies they administer (``agency.manage``), with actions taken from the
same permission table as staff roles."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.agencies.api_tokens import (
    MANAGE,
    issue_token,
    manageable_token,
    manageable_tokens,
    revoke_token,
    token_state,
)
from gongkai.agencies.domain.roles import PERMISSIONS
from gongkai.agencies.policy import agencies_where
from gongkai.backoffice.access import staff_required
from gongkai.core.errors import ValidationFailed


def _agencies(user):
    agencies = list(agencies_where(user, MANAGE).filter(is_active=True).order_by("path", "sort_order"))
    if not agencies:
        raise PermissionDenied(_("您无权管理接口令牌"))
    return agencies


def _page(request, agencies, *, secret: str = "", issued=None, errors=(), form=None, status=200):
    tokens = [(t, token_state(t)) for t in manageable_tokens(request.user)[:200]]
    return render(request, "backoffice/api_tokens.html", {
        "agencies": agencies, "tokens": tokens, "permissions": sorted(PERMISSIONS), "secret": secret,
        "issued": issued, "errors": errors, "form": form or {},
    }, status=status)


@staff_required
@never_cache
def api_tokens(request):
    agencies = _agencies(request.user)
    if request.method != "POST":
        return _page(request, agencies)
    form = {"name": request.POST.get("name", ""), "agency": request.POST.get("agency", ""),
            "permissions": request.POST.getlist("permissions"), "expires": request.POST.get("expires", "")}
    agency = next((a for a in agencies if a.code == form["agency"]), None)
    errors = []
    expires_at = None
    if agency is None:
        errors.append(_("请选择机构。"))
    if form["expires"]:
        try:
            day = dt.date.fromisoformat(form["expires"])
            expires_at = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=timezone.get_default_timezone())
        except ValueError:
            errors.append(_("有效期应为 YYYY-MM-DD。"))
    if not errors:
        try:
            token, secret = issue_token(actor=request.user, agency=agency, name=form["name"],
                                        permissions=form["permissions"], expires_at=expires_at)
        except ValidationFailed as exc:
            errors.append(_(exc.message))
        else:
            return _page(request, agencies, secret=secret, issued=token)
    return _page(request, agencies, errors=errors, form=form, status=422)


@staff_required
@require_POST
def api_token_revoke(request, pk: int):
    token = manageable_token(request.user, pk)
    revoke_token(actor=request.user, token=token, reason=request.POST.get("reason", ""))
    messages.success(request, _("已撤销令牌 %(prefix)s。") % {"prefix": token.prefix})
    return redirect("backoffice:api_tokens")
