from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.login_throttle import lockout_minutes, login_locked


class LockoutMessageMixin:
    """Says "locked" instead of "wrong password" when the lockout backend refused or just locked the attempt."""

    error_messages = {
        "locked": _("登录失败次数过多，已暂时锁定，请%(minutes)s分钟后再试或联系管理员。"),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if login_locked(self.request):
                raise forms.ValidationError(
                    self.error_messages["locked"], code="locked", params={"minutes": lockout_minutes()},
                ) from None
            raise


class ThrottledAuthenticationForm(LockoutMessageMixin, AuthenticationForm):
    error_messages = {**AuthenticationForm.error_messages, **LockoutMessageMixin.error_messages}


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True
