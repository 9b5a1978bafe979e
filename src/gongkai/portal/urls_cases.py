"""Public pages: the application form, its guide and status lookup (依申请公开). Included by portal/urls.py under the "portal" namespace."""

from django.urls import path

from gongkai.portal import views_cases

urlpatterns: list = [
    path("gk/<slug:code>/apply/", views_cases.apply, name="apply"),
    path("gk/<slug:code>/apply/done/", views_cases.apply_done, name="apply_done"),
    path("gk/<slug:code>/apply/guide/", views_cases.apply_guide, name="apply_guide"),
    path("apply/status/", views_cases.case_status, name="case_status"),
]
