"""Staff pages of the reports area; included under /staff/reports/."""

from django.urls import path

from gongkai.backoffice import views_reports, views_reports_records

urlpatterns = [
    path("", views_reports.report_list, name="reports"),
    path("generate/", views_reports.report_generate, name="report_generate"),
    path("import/", views_reports_records.import_past, name="report_import"),
    path("<id:pk>/", views_reports.report_detail, name="report_detail"),
    path("<id:pk>/narrative/", views_reports.report_edit, name="report_edit"),
    path("<id:pk>/regenerate/", views_reports.report_regenerate, name="report_regenerate"),
    path("<id:pk>/publish/", views_reports.report_publish, name="report_publish"),
    path("<id:pk>/correct/", views_reports.report_correct, name="report_correct"),
    path("<id:pk>/records/", views_reports_records.report_records, name="report_records"),
    path("<id:pk>/figures/", views_reports_records.declared_figures, name="report_declared"),
    path("<id:pk>/download.<str:fmt>", views_reports_records.report_download, name="report_download"),
]
