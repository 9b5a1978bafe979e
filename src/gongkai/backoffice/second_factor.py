"""The login's second step: a session whose user uses (or must use) an authenticator app sees no staff page but
the verification or enrolment step until it has given a code: the back office, the Django admin and the API.
Public pages are the same for every visitor and never read the session (ADR 0011), so they are not guarded:
a half-signed-in session sees there only what anyone sees.
"""

from urllib.parse import urlencode

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse

from gongkai.agencies.second_factor import confirmed_device, second_factor_required

SESSION_KEY = "gongkai_second_factor"   # "verify" or "enrol" while the step is due; absent when not
OPEN_PREFIXES = ("/static/", "/media/", "/i18n/")
GUARDED_PREFIXES = ("/staff/", "/django-admin/", "/api/")


@receiver(user_logged_in, dispatch_uid="gongkai-second-factor-step")
def _note_step(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    step = "verify" if confirmed_device(user) is not None else ("enrol" if second_factor_required(user) else "")
    if step:
        request.session[SESSION_KEY] = step
    else:
        request.session.pop(SESSION_KEY, None)


def is_verified(user) -> bool:
    """Whether this session has given a code (django-otp's OTPMiddleware sets ``otp_device``)."""
    return getattr(user, "otp_device", None) is not None


def step_due(request) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    step = request.session.get(SESSION_KEY, "")
    if not step and second_factor_required(user):
        step = "enrol"   # a session from before the setting was turned on
    if step and is_verified(user):
        return ""
    return step


def step_done(request) -> None:
    request.session.pop(SESSION_KEY, None)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = step_due(request) if request.path.startswith(GUARDED_PREFIXES) else ""
        if step:
            target = reverse("backoffice:second_factor_verify" if step == "verify" else "backoffice:second_factor_enrol")
            allowed = {target, reverse("logout"), reverse("login")}
            if request.path not in allowed and not request.path.startswith(OPEN_PREFIXES):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "second factor required"}, status=403)
                return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
