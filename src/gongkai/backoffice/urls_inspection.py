"""Staff pages: inspection readiness and page views. Included by backoffice/urls.py under /staff/inspection/."""

from django.urls import path

from gongkai.backoffice import views_inspection

urlpatterns = [
    path("", views_inspection.inspection, name="inspection"),
]
