"""Public pages: the mailbox and hotline pages (信箱). Included by portal/urls.py under the "portal" namespace."""

from django.urls import path

from gongkai.portal import views_engagement

urlpatterns: list = [
    path("gk/<slug:code>/mailbox/", views_engagement.mailbox, name="mailbox"),
    path("gk/<slug:code>/mailbox/sent/", views_engagement.mailbox_sent, name="mailbox_sent"),
    path("mailbox/rate/<str:token>/", views_engagement.mailbox_rate, name="mailbox_rate"),
]
