"""Staff pages of the cases area; included under /staff/cases/."""

from django.urls import path

from gongkai.backoffice import (
    views_cases,
    views_cases_appeals,
    views_cases_applicant,
    views_cases_documents,
    views_cases_redaction,
)

urlpatterns: list = [
    path("", views_cases.case_list, name="case_list"),
    path("new/", views_cases.case_register, name="case_register"),
    path("<id:pk>/", views_cases.case_detail, name="case_detail"),
    path("<id:pk>/clock/", views_cases.case_clock, name="case_clock"),
    path("<id:pk>/step/<slug:step>/", views_cases.case_step, name="case_step"),
    path("<id:pk>/export/", views_cases_documents.case_export, name="case_export"),
    path("letters/<id:pk>.pdf", views_cases_documents.letter_pdf, name="case_letter_pdf"),
    path("letters/<id:pk>.docx", views_cases_documents.letter_docx, name="case_letter_docx"),
    path("letters/<id:pk>/delivered/", views_cases_documents.letter_delivered, name="case_letter_delivered"),
    path("attachments/<id:pk>/", views_cases_documents.attachment_download, name="case_attachment"),
    path("<id:pk>/redactions/", views_cases_redaction.redaction_list, name="case_redactions"),
    path("redactions/<id:pk>/", views_cases_redaction.redaction_detail, name="case_redaction"),
    path("redactions/<id:pk>/<slug:which>/<int:page>.png", views_cases_redaction.redaction_page,
         name="case_redaction_page"),
    path("redactions/<id:pk>/download/", views_cases_redaction.redaction_download, name="case_redaction_download"),
    path("templates/", views_cases_documents.templates_list, name="case_templates"),
    path("notices/", views_cases_applicant.notices, name="case_notices"),
    path("<id:pk>/online-correction/", views_cases_applicant.accept_online_correction, name="case_accept_reply"),
    path("<id:pk>/release/", views_cases_applicant.release, name="case_release"),
    path("correction-files/<id:pk>/", views_cases_applicant.correction_file, name="case_reply_file"),
    path("appeals/", views_cases_appeals.appeal_list, name="appeal_list"),
    path("appeals/<id:pk>/outcome/", views_cases_appeals.appeal_outcome, name="appeal_outcome"),
]
