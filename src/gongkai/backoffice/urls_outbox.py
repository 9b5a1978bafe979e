"""Staff pages: the outbox, and the job queue that sends it. Included by backoffice/urls.py under /staff/outbox/."""

from django.urls import path

from gongkai.backoffice import views_outbox, views_queue

urlpatterns = [
    path("", views_outbox.outbox_list, name="outbox"),
    path("<int:pk>/retry/", views_outbox.outbox_retry, name="outbox_retry"),
    path("queue/", views_queue.queue_status, name="queue"),
]
