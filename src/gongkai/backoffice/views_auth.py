from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.login_throttle import is_locked
from gongkai.core.client_address import client_address


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("登录失败次数过多，该账号在本地址已被暂时锁定，请15分钟后再试或联系管理员。"),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and is_locked(username, client_address(self.request)):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True
