"""Public pages: Atom and JSON feeds of published information. Included by portal/urls.py under the "portal" namespace."""

from django.urls import path

from gongkai.portal import views_feeds

urlpatterns = [
    path("feeds/<slug:code>.atom", views_feeds.atom, name="feed_atom"),
    path("feeds/<slug:code>.json", views_feeds.json_feed, name="feed_json"),
    path("feeds/<slug:code>/<slug:category>.atom", views_feeds.atom, name="feed_category_atom"),
    path("feeds/<slug:code>/<slug:category>.json", views_feeds.json_feed, name="feed_category_json"),
]
