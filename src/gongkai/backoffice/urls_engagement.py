"""Staff pages of the engagement area; included under /staff/engagement/."""

from django.urls import path

from gongkai.backoffice import views_engagement, views_engagement_convert, views_engagement_records

urlpatterns: list = [
    path("", views_engagement.message_list, name="engagement_messages"),
    path("messages/new/", views_engagement.message_new, name="engagement_message_new"),
    path("messages/<id:pk>/", views_engagement.message_detail, name="engagement_message"),
    path("messages/<id:pk>/to-application/", views_engagement_convert.message_to_application,
         name="engagement_convert"),
    path("from-application/<id:case_pk>/", views_engagement_convert.application_to_message,
         name="engagement_from_application"),
    path("records/<slug:kind>/", views_engagement_records.record_list, name="engagement_records"),
    path("figures/", views_engagement_records.figures, name="engagement_figures"),
    path("figures/<slug:figure>/", views_engagement_records.figure_records, name="engagement_figure_records"),
]
