"""The dashboard; included under /staff/dashboard/."""

from django.urls import path

from gongkai.backoffice import views_dashboard

urlpatterns = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("<slug:key>.xlsx", views_dashboard.export_xlsx, name="dashboard_xlsx"),
]
