"""Staff pages: the outbox. Included by backoffice/urls.py under /staff/outbox/."""

from django.urls import path

from gongkai.backoffice import views_outbox

urlpatterns = [
    path("", views_outbox.outbox_list, name="outbox"),
    path("<int:pk>/retry/", views_outbox.outbox_retry, name="outbox_retry"),
]
