"""Public pages: the 政府信息公开年报 column. Included by portal/urls.py under the "portal" namespace."""

from django.urls import path

from gongkai.portal import views_reports

urlpatterns = [
    path("gk/<slug:code>/reports/", views_reports.annual_reports, name="annual_reports"),
    path("gk/<slug:code>/reports/feed/", views_reports.AnnualReportFeed(), name="annual_reports_feed"),
    path("gk/<slug:code>/reports/<year:year>/", views_reports.annual_report, name="annual_report"),
    path("gk/<slug:code>/reports/<year:year>/report.<str:fmt>", views_reports.annual_report_download,
         name="annual_report_download"),
]
