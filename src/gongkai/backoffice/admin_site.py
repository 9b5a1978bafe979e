"""The Django admin for superusers only, through the same login lockout and second factor as the back office."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm

from gongkai.agencies.second_factor import needs_second_factor
from gongkai.backoffice.second_factor import is_verified
from gongkai.backoffice.views_auth import LockoutMessageMixin


class LockoutAdminAuthenticationForm(LockoutMessageMixin, AdminAuthenticationForm):
    error_messages = {**AdminAuthenticationForm.error_messages, **LockoutMessageMixin.error_messages}

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_superuser:
            raise self.get_invalid_login_error()


class SuperuserAdminSite(admin.AdminSite):
    login_form = LockoutAdminAuthenticationForm

    def has_permission(self, request):
        user = request.user
        if not (user.is_active and user.is_superuser):
            return False
        return not needs_second_factor(user) or is_verified(user)
