"""Public pages: the mailbox and hotline pages (信箱). Included by portal/urls.py under the "portal" namespace."""

from django.urls import path
from django.views.decorators.cache import never_cache

from gongkai.portal import views_engagement

# The letter form (sent back with the writer's entries), the confirmation with the private link and the private
# rating page are the writer's own: "Cache-Control: no-store, private".
urlpatterns: list = [
    path("gk/<slug:code>/mailbox/", never_cache(views_engagement.mailbox), name="mailbox"),
    path("gk/<slug:code>/mailbox/sent/", never_cache(views_engagement.mailbox_sent), name="mailbox_sent"),
    path("mailbox/rate/<str:token>/", never_cache(views_engagement.mailbox_rate), name="mailbox_rate"),
]
