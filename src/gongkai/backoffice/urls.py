from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.backoffice import (
    views_account,
    views_agencies,
    views_api_tokens,
    views_auth,
    views_calendar,
    views_column_texts,
    views_work,
    views_workbench,
)

app_name = "backoffice"

urlpatterns = [
    path("", views_workbench.workbench, name="workbench"),
    path("account/", views_account.account, name="account"),
    path("account/password/", views_account.password_change, name="account_password"),
    path("account/second-factor/", views_account.second_factor_enrol, name="second_factor_enrol"),
    path("account/second-factor/verify/", views_account.second_factor_verify, name="second_factor_verify"),
    path("account/second-factor/remove/", views_account.second_factor_remove, name="second_factor_remove"),
    path("account/audit/", views_account.account_audit, name="account_audit"),
    path("agencies/", views_agencies.agency_list, name="agency_list"),
    path("agencies/<slug:code>/", views_agencies.agency_detail, name="agency_detail"),
    path("calendar/", views_calendar.calendar_years, name="calendar_years"),
    path("columns/", views_column_texts.column_texts, name="column_texts"),
    path("columns/<slug:code>/<slug:column>/", views_column_texts.edit_column_text, name="column_text_edit"),
    path("catalog/", include("gongkai.backoffice.urls_catalog")),
    path("cases/", include("gongkai.backoffice.urls_cases")),
    path("engagement/", include("gongkai.backoffice.urls_engagement")),
    path("dashboard/", include("gongkai.backoffice.urls_dashboard")),
    path("reports/", include("gongkai.backoffice.urls_reports")),
    path("inspection/", include("gongkai.backoffice.urls_inspection")),
    path("outbox/", include("gongkai.backoffice.urls_outbox")),
    path("api-tokens/", views_api_tokens.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views_api_tokens.api_token_revoke, name="api_token_revoke"),
    path("sites/", include("gongkai.backoffice.urls_sites")),
    path("work/<int:pk>/", views_work.work_detail, name="work_detail"),
    path("work/<int:pk>/status/", views_work.work_status, name="work_status"),
]

# Login and logout keep their plain names: Django's LOGIN_URL and templates refer to them.
auth_urlpatterns = [
    path("staff/login/", views_auth.LoginView.as_view(), name="login"),
    path("staff/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
