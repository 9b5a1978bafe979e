from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from gongkai.backoffice.urls import auth_urlpatterns
from gongkai.core import health

# The apps' admin.py modules are imported here, with the URLconf, not by every command's start
# (gongkai.backoffice.admin_apps.SuperuserAdminConfig is a SimpleAdminConfig).
admin.autodiscover()

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    *auth_urlpatterns,
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/", include("gongkai.backoffice.urls")),
    path("api/", include("gongkai.api.urls")),
    *([path("django-admin/", admin.site.urls)] if settings.GONGKAI_DJANGO_ADMIN else []),
    path("", include("gongkai.portal.urls")),
]

handler400 = "gongkai.config.error_pages.bad_request"
handler403 = "gongkai.config.error_pages.permission_denied"
handler404 = "gongkai.config.error_pages.not_found"
handler500 = "gongkai.config.error_pages.server_error"
