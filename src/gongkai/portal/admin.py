from django.contrib import admin

from gongkai.portal.models import ColumnText
from gongkai.portal.services import set_column_text


@admin.register(ColumnText)
class ColumnTextAdmin(admin.ModelAdmin):
    """Editing the text around the generated 指南 and the 制度 page; saving goes through the service (event)."""

    list_display = ("agency", "column", "updated_at")
    list_filter = ("column",)

    def save_model(self, request, obj, form, change):
        saved = set_column_text(actor=request.user, agency=obj.agency, column=obj.column, body=obj.body)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False
