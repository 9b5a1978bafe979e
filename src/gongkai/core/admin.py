from django.contrib import admin

from gongkai.core.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the event log is append-only, even for superusers."""

    list_display = ["at", "actor_label", "action", "object_repr", "from_state", "to_state"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_label", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
