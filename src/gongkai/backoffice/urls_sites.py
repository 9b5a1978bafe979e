"""Staff pages of the site cluster; included under /staff/sites/."""

from django.urls import path

from gongkai.backoffice import views_sites, views_sites_inspection

urlpatterns: list = [
    path("", views_sites.site_list, name="sites"),
    path("new/", views_sites.site_new, name="site_new"),
    path("<id:pk>/", views_sites.site_edit, name="site_edit"),
    path("<id:pk>/yearly/<year:year>/", views_sites.yearly_report, name="site_yearly"),
    path("<id:pk>/yearly/<year:year>/<slug:key>/", views_sites_inspection.yearly_drill, name="site_yearly_drill"),
    path("inspection/", views_sites_inspection.inspection, name="site_inspection"),
    path("reports/", views_sites.report_list, name="site_reports"),
    path("reports/<id:pk>/", views_sites.report_detail, name="site_report"),
]
