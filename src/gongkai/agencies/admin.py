"""The Django admin pages of the agencies area: users (naming their actor in the account events,
gongkai.agencies.account_audit) and the failed-login counters."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from gongkai.agencies.account_audit import ACTOR_ATTRIBUTE
from gongkai.agencies.login_throttle import unlock
from gongkai.agencies.models import LoginCounter

User = get_user_model()


class AuditedUserAdmin(UserAdmin):
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            setattr(obj, ACTOR_ATTRIBUTE, request.user)   # also the admin's change-password page
        return obj

    def save_model(self, request, obj, form, change):
        setattr(obj, ACTOR_ATTRIBUTE, request.user)
        super().save_model(request, obj, form, change)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, AuditedUserAdmin)


@admin.register(LoginCounter)
class LoginCounterAdmin(admin.ModelAdmin):
    """Failed-login counters; deleting one lifts its lock (an account.unlocked event)."""

    list_display = ["scope", "username", "address", "failures", "last_failure_at", "locked_until"]
    list_filter = ["scope"]
    search_fields = ["username", "address"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        unlock(actor=request.user, counters=[obj])

    def delete_queryset(self, request, queryset):
        unlock(actor=request.user, counters=queryset)
