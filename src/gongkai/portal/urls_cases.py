"""Public pages: the application form, its guide and status lookup (依申请公开). Included by portal/urls.py under the "portal" namespace."""

from django.urls import path
from django.views.decorators.cache import never_cache

from gongkai.portal import views_cases

# The form (sent back with the applicant's entries when something is wrong), the confirmation with the tracking
# code and the status lookup are the applicant's own: "Cache-Control: no-store, private". The guide is public.
urlpatterns: list = [
    path("gk/<slug:code>/apply/", never_cache(views_cases.apply), name="apply"),
    path("gk/<slug:code>/apply/done/", never_cache(views_cases.apply_done), name="apply_done"),
    path("gk/<slug:code>/apply/guide/", views_cases.apply_guide, name="apply_guide"),
    path("apply/status/", never_cache(views_cases.case_status), name="case_status"),
]
