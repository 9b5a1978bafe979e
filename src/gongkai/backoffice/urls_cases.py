"""Staff pages of the cases area; included under /staff/cases/."""

from django.urls import path

from gongkai.backoffice import views_cases, views_cases_appeals, views_cases_documents

urlpatterns: list = [
    path("", views_cases.case_list, name="case_list"),
    path("new/", views_cases.case_register, name="case_register"),
    path("<int:pk>/", views_cases.case_detail, name="case_detail"),
    path("<int:pk>/clock/", views_cases.case_clock, name="case_clock"),
    path("<int:pk>/step/<slug:step>/", views_cases.case_step, name="case_step"),
    path("<int:pk>/export/", views_cases_documents.case_export, name="case_export"),
    path("letters/<int:pk>.pdf", views_cases_documents.letter_pdf, name="case_letter_pdf"),
    path("letters/<int:pk>.docx", views_cases_documents.letter_docx, name="case_letter_docx"),
    path("letters/<int:pk>/delivered/", views_cases_documents.letter_delivered, name="case_letter_delivered"),
    path("attachments/<int:pk>/", views_cases_documents.attachment_download, name="case_attachment"),
    path("templates/", views_cases_documents.templates_list, name="case_templates"),
    path("appeals/", views_cases_appeals.appeal_list, name="appeal_list"),
    path("appeals/<int:pk>/outcome/", views_cases_appeals.appeal_outcome, name="appeal_outcome"),
]
