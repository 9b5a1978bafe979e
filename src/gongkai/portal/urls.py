from django.urls import include, path

from gongkai.portal import views_home

app_name = "portal"

urlpatterns = [
    path("", views_home.home, name="home"),
    # Each area's public pages. Agency pages live under /gk/<agency code>/.
    path("", include("gongkai.portal.urls_cases")),
    path("", include("gongkai.portal.urls_engagement")),
    path("", include("gongkai.portal.urls_reports")),
    path("", include("gongkai.portal.urls_feeds")),
]
