"""A staff member's own account: password, second factor, recent sign-ins; the account audit for superusers."""

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from gongkai.agencies import second_factor as otp
from gongkai.agencies.labels import EVENT_LABELS, FAILURE_REASON_LABELS, SCOPE_LABELS
from gongkai.agencies.selectors import account_audit_events, own_account_events
from gongkai.agencies.services import change_password
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.second_factor import step_done, step_due
from gongkai.core.client_address import client_address
from gongkai.core.errors import NotAllowed, ValidationFailed


def _rows(events):
    rows = []
    for event in events:
        payload = event.payload or {}
        rows.append({
            "at": event.at,
            "label": EVENT_LABELS.get(event.action, event.action),
            "actor": event.actor_label,
            "account": payload.get("username") or event.object_repr,
            "address": payload.get("address", ""),
            "reason": FAILURE_REASON_LABELS.get(payload.get("reason", ""), ""),
            "scope": SCOPE_LABELS.get(payload.get("scope", ""), ""),
        })
    return rows


@staff_required
def account(request):
    return render(request, "backoffice/account.html", {
        "device": otp.confirmed_device(request.user),
        "required": otp.second_factor_required(request.user),
        "rows": _rows(own_account_events(request.user)),
    })


@staff_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = change_password(actor=request.user, user=request.user,
                                   old_password=form.cleaned_data["old_password"],
                                   new_password=form.cleaned_data["new_password1"])
        except ValidationFailed as exc:
            form.add_error(None, str(exc))
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("密码已修改。"))
            return redirect("backoffice:account")
    return render(request, "backoffice/account_password.html", {"form": form})


class TokenForm(forms.Form):
    token = forms.CharField(label=gettext_lazy("验证码"), max_length=16,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return ""


@staff_required
def second_factor_enrol(request):
    if otp.confirmed_device(request.user) is not None:
        if step_due(request) == "verify":
            return redirect("backoffice:second_factor_verify")
        messages.info(request, _("已启用两步验证。"))
        return redirect("backoffice:account")
    device = otp.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = otp.confirm_enrolment(actor=request.user, token=form.cleaned_data["token"],
                                           address=client_address(request))
        except ValidationFailed as exc:
            form.add_error("token", str(exc))
        else:
            otp_login(request, device)
            step_done(request)
            messages.success(request, _("两步验证已启用，今后登录时需输入验证器中的验证码。"))
            return redirect(_next_url(request) or "backoffice:account")
    return render(request, "backoffice/account_second_factor_enrol.html", {
        "form": form, "qr_svg": otp.qr_svg(device), "secret": otp.secret_text(device),
        "required": otp.second_factor_required(request.user), "next": _next_url(request),
    })


@staff_required
def second_factor_verify(request):
    if step_due(request) != "verify":
        return redirect(_next_url(request) or "backoffice:workbench")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = otp.verify_login_code(user=request.user, token=form.cleaned_data["token"],
                                       address=client_address(request))
        if device is None:
            form.add_error("token", _("验证码不正确或已使用，请等待验证器显示新的验证码后重试。"))
        else:
            otp_login(request, device)
            step_done(request)
            return redirect(_next_url(request) or "backoffice:workbench")
    return render(request, "backoffice/account_second_factor_verify.html",
                  {"form": form, "next": _next_url(request)})


@require_POST
@staff_required
def second_factor_remove(request):
    try:
        otp.remove_second_factor(actor=request.user, password=request.POST.get("password", ""),
                                 address=client_address(request))
    except (ValidationFailed, NotAllowed) as exc:
        messages.error(request, str(exc))
    else:
        step_done(request)
        messages.success(request, _("已解除两步验证。"))
    return redirect("backoffice:account")


@staff_required
def account_audit(request):
    return render(request, "backoffice/account_audit.html",
                  {"rows": _rows(account_audit_events(request.user))})
