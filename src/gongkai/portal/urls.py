from django.urls import include, path
from django.views.decorators.cache import never_cache

from gongkai.portal import (
    views_home,
    views_items,
    views_meta,
    views_search,
    views_site,
    views_site_errors,
    views_site_map,
    views_site_reports,
)

app_name = "portal"

urlpatterns = [
    path("", views_home.home, name="home"),
    path("search/", views_search.search, name="search"),
    path("sitemap.xml", views_meta.sitemap, name="sitemap"),
    path("robots.txt", views_meta.robots, name="robots"),
    path("language/", views_meta.language, name="language"),
    path("map/", views_site_map.platform_map, name="platform_map"),
    path("gk/<slug:code>/", views_site.site, name="site"),
    path("gk/<slug:code>/guide/", views_site.guide, name="guide"),
    path("gk/<slug:code>/rules/", views_site.rules, name="rules"),
    path("gk/<slug:code>/statutory/", views_site.statutory, name="statutory"),
    path("gk/<slug:code>/catalog/", views_site.catalog, name="catalog"),
    path("gk/<slug:code>/map/", views_site_map.site_map, name="site_map"),
    path("gk/<slug:code>/report-error/", never_cache(views_site_errors.error_report), name="site_error_report"),
    path("gk/<slug:code>/site-reports/", views_site_reports.site_reports, name="site_reports"),
    path("gk/<slug:code>/site-reports/<year:year>/", views_site_reports.site_report, name="site_report"),
    path("gk/<slug:code>/site-reports/<year:year>/report.<str:fmt>", views_site_reports.site_report_download,
         name="site_report_download"),
    path("gk/<slug:code>/report-error/sent/", never_cache(views_site_errors.error_report_sent),
         name="site_error_report_sent"),
    path("gk/<slug:code>/items/<id:pk>/", views_items.item, name="item"),
    path("gk/<slug:code>/items/<id:pk>/files/<id:attachment_id>/", views_items.attachment, name="attachment"),
    # Each area's public pages. Agency pages live under /gk/<agency code>/.
    path("", include("gongkai.portal.urls_cases")),
    path("", include("gongkai.portal.urls_engagement")),
    path("", include("gongkai.portal.urls_reports")),
    path("", include("gongkai.portal.urls_feeds")),
]
