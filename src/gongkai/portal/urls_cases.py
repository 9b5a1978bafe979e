"""Public pages: the application form, its guide and status lookup (依申请公开). Included by portal/urls.py under the "portal" namespace."""

from django.urls import path
from django.views.decorators.cache import never_cache

from gongkai.portal import views_applicant, views_cases

# The form (sent back with the applicant's entries when something is wrong), the confirmation with the tracking
# code and the status lookup are the applicant's own: "Cache-Control: no-store, private". The guide is public.
urlpatterns: list = [
    path("gk/<slug:code>/apply/", never_cache(views_cases.apply), name="apply"),
    path("gk/<slug:code>/apply/done/", never_cache(views_cases.apply_done), name="apply_done"),
    path("gk/<slug:code>/apply/guide/", views_cases.apply_guide, name="apply_guide"),
    path("apply/status/", never_cache(views_cases.case_status), name="case_status"),
    # The applicant's own page: personal, never cached or stored.
    path("apply/mine/", never_cache(views_applicant.applicant_start), name="applicant_start"),
    path("apply/mine/verify/", never_cache(views_applicant.applicant_verify), name="applicant_verify"),
    path("apply/mine/case/", never_cache(views_applicant.applicant_case), name="applicant_case"),
    path("apply/mine/correction/", never_cache(views_applicant.applicant_correction), name="applicant_correction"),
    path("apply/mine/withdraw/", never_cache(views_applicant.applicant_withdraw), name="applicant_withdraw"),
    path("apply/mine/letters/<id:pk>.pdf", never_cache(views_applicant.applicant_letter_pdf),
         name="applicant_letter"),
    path("apply/mine/files/<id:pk>/", never_cache(views_applicant.applicant_file_download), name="applicant_file"),
    path("apply/mine/leave/", never_cache(views_applicant.applicant_leave), name="applicant_leave"),
]
