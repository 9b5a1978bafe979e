from django.contrib import admin

from gongkai.sites.column_texts import set_column_text
from gongkai.sites.models import ColumnText


@admin.register(ColumnText)
class ColumnTextAdmin(admin.ModelAdmin):
    """Editing the text around the generated 指南 and the 制度 page; saving goes through the writer (event)."""

    list_display = ("agency", "column", "updated_at")
    list_filter = ("column",)

    def save_model(self, request, obj, form, change):
        saved = set_column_text(actor=request.user, agency=obj.agency, column=obj.column, body=obj.body)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False
